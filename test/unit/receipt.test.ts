import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CROCKFORD_ALPHABET,
  RECEIPT_BITS,
  encodeCrockford,
  generateReceipt,
  hashReceipt,
  hashReceiptInput,
  parseReceipt,
} from "../../src/lib/receipt.ts";

const SHAPE = /^[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){3}$/;

describe("receipt generation", () => {
  it("uses Crockford's 32 symbols: no I, L, O or U", () => {
    expect(CROCKFORD_ALPHABET).toHaveLength(32);
    expect(new Set(CROCKFORD_ALPHABET).size).toBe(32);
    expect(CROCKFORD_ALPHABET).not.toMatch(/[ILOU]/);
  });

  it("carries at least 80 bits, grouped in fours for reading", () => {
    expect(RECEIPT_BITS).toBeGreaterThanOrEqual(80);
    for (let i = 0; i < 200; i++) {
      const code = generateReceipt();
      expect(code).toMatch(SHAPE);
      expect(code.replace(/-/g, "").length * 5).toBe(RECEIPT_BITS);
    }
  });

  it("takes its bits from the CSPRNG: 10 bytes, every bit of them used", () => {
    const requested: number[] = [];
    const zeros = generateReceipt((b) => (requested.push(b.length), b.fill(0)));
    const ones = generateReceipt((b) => b.fill(0xff));
    expect(requested).toEqual([10]);
    expect(zeros).toBe("0000-0000-0000-0000");
    expect(ones).toBe("ZZZZ-ZZZZ-ZZZZ-ZZZZ");
  });

  it("encodes known vectors", () => {
    expect(encodeCrockford(new Uint8Array([0xf8]))).toBe("Z0");
    expect(encodeCrockford(new TextEncoder().encode("foobar"))).toBe("CSQPYRK1E8");
  });

  it("looks random: 2,000 codes are distinct and every symbol appears about equally often", () => {
    const codes = Array.from({ length: 2000 }, () => generateReceipt());
    expect(new Set(codes).size).toBe(codes.length);
    const counts = new Map<string, number>();
    for (const code of codes) for (const c of code.replace(/-/g, "")) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(32);
    const expected = (2000 * 16) / 32; // 1000 per symbol
    // chi-square with 31 degrees of freedom; 80 is beyond p = 0.00001, so a fair generator fails about once in 10^5 runs
    let chi = 0;
    for (const n of counts.values()) chi += (n - expected) ** 2 / expected;
    expect(chi).toBeLessThan(80);
  });
});

describe("receipt parsing", () => {
  it("accepts what a person might type: spaces, lowercase, missing dashes, O/I/L", () => {
    expect(parseReceipt("K7Q2-9XMD-4TRB-0HZE")).toBe("K7Q2-9XMD-4TRB-0HZE");
    expect(parseReceipt("k7q29xmd4trb0hze")).toBe("K7Q2-9XMD-4TRB-0HZE");
    expect(parseReceipt("  K7Q2 9XMD 4TRB OHZE \n")).toBe("K7Q2-9XMD-4TRB-0HZE");
    expect(parseReceipt("K7Q2--9XMD–4TRB—0HZE")).toBe("K7Q2-9XMD-4TRB-0HZE");
    expect(parseReceipt("AAIL-AAAA-AAAA-AAAA")).toBe("AA11-AAAA-AAAA-AAAA");
  });

  it("accepts full-width letters, digits and dashes, as a Chinese IME types them", () => {
    expect(parseReceipt("Ｋ７Ｑ２－９ＸＭＤ－４ＴＲＢ－０ＨＺＥ")).toBe("K7Q2-9XMD-4TRB-0HZE");
    expect(parseReceipt("K7Q2－9XMD－4TRB－0HZE")).toBe("K7Q2-9XMD-4TRB-0HZE");
    expect(parseReceipt("ｋ７ｑ２\u30009xmd 4trb ＯＨＺＥ")).toBe("K7Q2-9XMD-4TRB-0HZE");
  });

  it("refuses what cannot be a receipt", () => {
    for (const bad of [
      "",
      "K7Q2-9XMD-4TRB",
      "K7Q2-9XMD-4TRB-0HZE-1",
      "K7Q2-9XMD-4TRB-0HZU",
      "K7Q2-9XMD-4TRB-0HZ!",
      "回执码回执码回执码回执码回执",
      "x".repeat(1000),
    ]) {
      expect(parseReceipt(bad), bad).toBeNull();
    }
  });

  it("round-trips every generated code through any casing and spacing", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 10, maxLength: 10 }), fc.boolean(), fc.boolean(), (bytes, lower, spaces) => {
        const code = generateReceipt(() => bytes);
        let typed = lower ? code.toLowerCase() : code;
        typed = spaces ? typed.replace(/-/g, " ") : typed.replace(/-/g, "");
        expect(parseReceipt(typed)).toBe(code);
      }),
    );
  });
});

describe("receipt hashing", () => {
  it("is SHA-256 of the canonical code, the same however it was typed", async () => {
    const expected = createHash("sha256").update("K7Q29XMD4TRB0HZE").digest("hex");
    expect(await hashReceipt("K7Q2-9XMD-4TRB-0HZE")).toBe(expected);
    expect(await hashReceiptInput("k7q2 9xmd 4trb ohze")).toEqual({ valid: true, hash: expected });
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
