// Receipts and invitation codes: one Crockford encoder, one forgiving reader.
// Every reading rule is checked on both kinds of code, so they cannot drift.
import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CROCKFORD_ALPHABET, compactCode, encodeCrockford, parseCode, randomSymbols } from "#lib/codes.ts";
import { INVITATION_SYMBOLS, generateInvitationCode, invitationCodeHash, parseInvitationCode } from "#lib/invitation/codes.ts";
import { RECEIPT_BITS, RECEIPT_SYMBOLS, generateReceipt, hashReceipt, hashReceiptInput, parseReceipt } from "#lib/receipt.ts";
import { DEMO_CODES, DEMO_CODE_SURVEY } from "../../scripts/seed/0100-surveys.ts";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("Crockford base32", () => {
  it("uses Crockford's 32 symbols: no I, L, O or U", () => {
    expect(CROCKFORD_ALPHABET).toHaveLength(32);
    expect(new Set(CROCKFORD_ALPHABET).size).toBe(32);
    expect(CROCKFORD_ALPHABET).not.toMatch(/[ILOU]/);
  });

  it("encodes known vectors", () => {
    expect(encodeCrockford(new Uint8Array([0xf8]))).toBe("Z0");
    expect(encodeCrockford(new TextEncoder().encode("foobar"))).toBe("CSQPYRK1E8");
  });

  it("draws just enough bytes for the symbols asked for, and uses their leading bits", () => {
    const requested: number[] = [];
    const take = (b: Uint8Array<ArrayBuffer>) => (requested.push(b.length), b.fill(0xff));
    expect(randomSymbols(16, take)).toBe("Z".repeat(16));
    expect(randomSymbols(12, take)).toBe("Z".repeat(12));
    expect(requested).toEqual([10, 8]);
    expect(randomSymbols(12, (b) => b.fill(0x08))).toBe("1040G2081040");
  });
});

// The same rules, checked on both kinds of code.
const KINDS = [
  {
    kind: "receipt",
    symbols: RECEIPT_SYMBOLS,
    generate: generateReceipt,
    parse: parseReceipt,
    sample: "K7Q2-9XMD-4TRB-0HZE",
    fullWidth: "Ｋ７Ｑ２－９ＸＭＤ－４ＴＲＢ－０ＨＺＥ",
  },
  {
    kind: "invitation code",
    symbols: INVITATION_SYMBOLS,
    generate: generateInvitationCode,
    parse: parseInvitationCode,
    sample: "7KQ2-M9XD-4RTB",
    fullWidth: "７ＫＱ２－Ｍ９ＸＤ－４ＲＴＢ",
  },
] as const;

for (const { kind, symbols, generate, parse, sample, fullWidth } of KINDS) {
  const shape = new RegExp(`^[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){${symbols / 4 - 1}}$`);
  const compact = sample.replace(/-/g, "");

  describe(`${kind}: generation`, () => {
    it(`is ${symbols} symbols (${symbols * 5} bits), grouped in fours for reading`, () => {
      for (let i = 0; i < 200; i++) expect(generate()).toMatch(shape);
    });

    it("takes every bit from the CSPRNG it is given", () => {
      expect(generate((b) => b.fill(0))).toBe(groups("0".repeat(symbols)));
      expect(generate((b) => b.fill(0xff))).toBe(groups("Z".repeat(symbols)));
    });

    it("looks random: 2,000 codes are distinct and every symbol appears about equally often", () => {
      const codes = Array.from({ length: 2000 }, () => generate());
      expect(new Set(codes).size).toBe(codes.length);
      const counts = new Map<string, number>();
      for (const code of codes) for (const c of code.replace(/-/g, "")) counts.set(c, (counts.get(c) ?? 0) + 1);
      expect(counts.size).toBe(32);
      const expected = (2000 * symbols) / 32;
      // chi-square with 31 degrees of freedom; 80 is beyond p = 0.00001, so a fair generator fails about once in 10^5 runs
      let chi = 0;
      for (const n of counts.values()) chi += (n - expected) ** 2 / expected;
      expect(chi).toBeLessThan(80);
    });
  });

  describe(`${kind}: reading what a person typed`, () => {
    it("accepts spaces, lowercase, missing or extra dashes of any kind, O/I/L", () => {
      expect(parse(sample)).toBe(sample);
      expect(parse(compact.toLowerCase())).toBe(sample);
      expect(parse(`  ${sample.replace(/-/g, " ")} \n`)).toBe(sample);
      expect(
        parse(
          sample
            .replace("-", "--")
            .replace("-", "–")
            .replace(/-([^-]*)$/, "—$1"),
        ),
      ).toBe(sample);
      expect(parse(sample.replace(/-/g, "\u2212"))).toBe(sample);
      expect(parse(`${sample.slice(0, -2)}IL`)).toBe(`${sample.slice(0, -2)}11`);
      expect(parse(sample.replace(/0/g, "O"))).toBe(sample);
    });

    it("accepts full-width letters, digits, dashes and spaces, as a Chinese input method types them", () => {
      expect(parse(fullWidth)).toBe(sample);
      expect(parse(sample.replace(/-/g, "－"))).toBe(sample);
      expect(parse(fullWidth.toLowerCase().replace(/－/g, "\u3000"))).toBe(sample);
    });

    it("refuses what cannot be one", () => {
      for (const bad of [
        "",
        compact.slice(0, -1),
        `${compact}1`,
        `${compact.slice(0, -1)}U`,
        `${compact.slice(0, -1)}!`,
        "回执码".repeat(symbols),
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        `${compact.slice(0, 4)}\u0000${compact.slice(4)}`,
        "x".repeat(1000),
        ` ${sample} `.repeat(4),
      ]) {
        expect(parse(bad), bad).toBeNull();
      }
      expect(parseCode(42, symbols)).toBeNull();
    });

    it("round-trips every generated code through any casing, spacing and width", () => {
      fc.assert(
        fc.property(
          fc.uint8Array({ minLength: 10, maxLength: 10 }),
          fc.boolean(),
          fc.constantFrom("", " ", "-", "－", "\u3000"),
          fc.boolean(),
          (bytes, lower, sep, wide) => {
            const code = generate((b) => b.fill(0).map((_, i) => bytes[i]!));
            let typed = lower ? code.toLowerCase() : code;
            typed = typed.replace(/-/g, sep);
            if (wide) typed = [...typed].map((c) => (c >= "!" && c <= "~" ? String.fromCodePoint(c.codePointAt(0)! + 0xfee0) : c)).join("");
            expect(parse(typed)).toBe(code);
          },
        ),
      );
    });
  });
}

function groups(compact: string): string {
  return compact.match(/.{4}/g)!.join("-");
}

describe("compactCode", () => {
  it("folds but does not judge", () => {
    expect(compactCode("ａｂ－ｃｄ ｏ·i_l. u!")).toBe("ABCD011U!");
  });
});

describe("receipt hashing", () => {
  it("is SHA-256 of the canonical code, the same however it was typed", async () => {
    const expected = sha256("K7Q29XMD4TRB0HZE");
    expect(await hashReceipt("K7Q2-9XMD-4TRB-0HZE")).toBe(expected);
    expect(await hashReceiptInput("k7q2 9xmd 4trb ohze")).toEqual({ valid: true, hash: expected });
    expect(await hashReceiptInput("Ｋ７Ｑ２－９ＸＭＤ－４ＴＲＢ－ＯＨＺＥ")).toEqual({ valid: true, hash: expected });
  });

  it("still hashes malformed input, to a value no receipt can have", async () => {
    const a = await hashReceiptInput("nope");
    const b = await hashReceiptInput("also nope");
    expect(a.valid).toBe(false);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).toBe(b.hash);
    expect(a.hash).not.toBe(await hashReceipt("0000-0000-0000-0000"));
  });
});

describe("invitation code hashing", () => {
  it("is SHA-256 of '<survey>:<symbols>', as the codes already stored were hashed", async () => {
    // The demo codes in every existing local database were stored under this
    // exact string (the seeder's hash before codes and receipts shared a reader).
    expect(DEMO_CODES[0]).toBe("DEMO-CODE-0001");
    const stored = sha256(`${DEMO_CODE_SURVEY}:DEM0C0DE0001`);
    expect(await invitationCodeHash(DEMO_CODE_SURVEY, "DEMO-CODE-0001")).toBe(stored);
    expect(await invitationCodeHash(DEMO_CODE_SURVEY, "demo code 0001")).toBe(stored);
    expect(await invitationCodeHash(DEMO_CODE_SURVEY, "ＤＥＭＯ－ＣＯＤＥ－０００１")).toBe(stored);
  });

  it("ties a code to its survey", async () => {
    expect(await invitationCodeHash("pulse-2026-11", "DEMO-CODE-0001")).not.toBe(
      await invitationCodeHash(DEMO_CODE_SURVEY, "DEMO-CODE-0001"),
    );
  });

  it("hashes input that cannot be a code to a value no code has", async () => {
    const a = await invitationCodeHash(DEMO_CODE_SURVEY, "nope");
    expect(a).toBe(await invitationCodeHash(DEMO_CODE_SURVEY, "<script>"));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toBe(sha256(`${DEMO_CODE_SURVEY}:`));
  });
});

describe("receipt size", () => {
  it("carries at least 80 bits", () => {
    expect(RECEIPT_BITS).toBeGreaterThanOrEqual(80);
  });
});
