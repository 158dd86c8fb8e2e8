// Survey keys committed beside the surveys (src/lib/invitation/key.ts): the
// schema asks for one on every invitation survey, the demo's are the fixed
// development seed's, `npm run survey:keys` writes and checks them, npm start
// keeps .dev.vars's seed fitting them, and `npm run deploy` ships neither the
// development seed's keys nor keys the deployment's seed does not derive.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { alignDevSeed, testSecrets } from "../../scripts/dev-secrets.ts";
import { SURVEYS_DIR, checkKeys, deployKeyProblems, differing, withInvitationKey, writeKeys } from "../../scripts/survey-key-files.ts";
import { fromHex } from "#lib/hex.ts";
import { DEV_INVITATION_KEY_SEED, INVITATION_KEY_PATTERN, keyFingerprint } from "#lib/invitation/key.ts";
import { SURVEYS } from "#lib/surveys/registry.ts";
import { ZSurveyFile } from "#lib/surveys/schema.ts";

const OTHER_SEED = "5e".repeat(32);
const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
const career = () => readJson(join(SURVEYS_DIR, "supervisor-career-2026.json"));

/** A copy of the survey files to write into. */
function surveysCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "candor-surveys-"));
  for (const f of readdirSync(SURVEYS_DIR)) copyFileSync(join(SURVEYS_DIR, f), join(dir, f));
  return dir;
}

describe("the key in the survey file", () => {
  it("is required on an invitation survey, refused on an open one, and must be 32 bytes of lower-case hex", () => {
    const good = career();
    expect(ZSurveyFile.safeParse(good).success).toBe(true);
    const { invitationKey, ...without } = good;
    const issues = (file: unknown) => ZSurveyFile.safeParse(file).error?.issues.map((i) => i.path.join("."));
    expect(issues(without)).toEqual(["invitationKey"]);
    // an open survey has no slips, so no short address either
    const { short, ...unshort } = good;
    expect(short).toBe("career");
    expect(issues({ ...unshort, access: "open", resultsVisibility: "after-close" })).toEqual(["invitationKey"]);
    expect(issues({ ...good, access: "open", resultsVisibility: "after-close" })).toEqual(["short", "invitationKey"]);
    for (const bad of [String(invitationKey).toUpperCase(), String(invitationKey).slice(2), `${String(invitationKey)}00`, ""]) {
      expect(issues({ ...good, invitationKey: bad }), bad).toEqual(["invitationKey"]);
    }
  });

  it("every invitation survey carries the key the development seed derives (the demo's; npm run survey:keys -- --dev)", async () => {
    const checks = await checkKeys(DEV_INVITATION_KEY_SEED);
    expect(checks.map((c) => c.id)).toEqual(SURVEYS.filter((s) => s.access === "invitation").map((s) => s.id));
    expect(checks.length).toBeGreaterThan(0);
    expect(differing(checks)).toEqual([]);
    // and the tests' servers derive from that very seed
    expect(testSecrets().INVITATION_KEY_SEED).toBe(DEV_INVITATION_KEY_SEED);
  });

  it("the development seed says what it is, and another seed gives other keys, one per survey", async () => {
    expect(new TextDecoder().decode(fromHex(DEV_INVITATION_KEY_SEED)!)).toBe("candor dev+test seed, not secret");
    const dev = await checkKeys(DEV_INVITATION_KEY_SEED);
    const other = await checkKeys(OTHER_SEED);
    expect(other.map((c) => c.derived)).not.toEqual(dev.map((c) => c.derived));
    for (const c of other) expect(c.derived).toMatch(INVITATION_KEY_PATTERN);
  });

  it("has a fingerprint anyone can recompute: the start of SHA-256 over the key's bytes, in groups of four", async () => {
    const key = String(career().invitationKey);
    const sha256 = createHash("sha256").update(Buffer.from(key, "hex")).digest("hex");
    expect(await keyFingerprint(key)).toBe(sha256.slice(0, 20).match(/.{4}/g)!.join(" "));
    await expect(keyFingerprint("not a key")).rejects.toThrow();
  });
});

describe("npm run survey:keys", () => {
  it("writes each invitation survey's key as one line of the file, and --check then agrees", async () => {
    const dir = surveysCopy();
    const path = join(dir, "supervisor-career-2026.json");
    const before = readFileSync(path, "utf8");
    const checks = await writeKeys(OTHER_SEED, dir);
    const after = readFileSync(path, "utf8");
    const changed = after.split("\n").filter((line, i) => line !== before.split("\n")[i]);
    expect(changed).toEqual([`  "invitationKey": "${checks[0]!.derived}",`]);
    expect(differing(await checkKeys(OTHER_SEED, dir))).toEqual([]);
    expect(ZSurveyFile.safeParse(readJson(path)).success).toBe(true);
    // open surveys are left alone
    for (const f of readdirSync(dir).filter((f) => f !== "supervisor-career-2026.json")) {
      expect(readFileSync(join(dir, f), "utf8")).toBe(readFileSync(join(SURVEYS_DIR, f), "utf8"));
    }
  });

  it("adds the line after access when there is no key yet, and keeps the file valid JSON", () => {
    const text = '{\n  "id": "x",\n  "access": "invitation",\n  "audience": 3\n}\n';
    expect(withInvitationKey(text, "ab".repeat(32))).toBe(
      `{\n  "id": "x",\n  "access": "invitation",\n  "invitationKey": "${"ab".repeat(32)}",\n  "audience": 3\n}\n`,
    );
    expect(JSON.parse(withInvitationKey('{\n  "access": "invitation"\n}', "cd".repeat(32)))).toEqual({
      access: "invitation",
      invitationKey: "cd".repeat(32),
    });
    expect(() => withInvitationKey('{ "access": "open" }', "ab".repeat(32))).toThrow();
  });

  it("--check exits 1 and names the survey when a committed key is not the seed's, and writes nothing", () => {
    const ok = spawnSync(process.execPath, ["scripts/survey-keys.ts", "--dev", "--check"], { encoding: "utf8" });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain("supervisor-career-2026");
    const before = readFileSync(join(SURVEYS_DIR, "supervisor-career-2026.json"), "utf8");
    const other = spawnSync(process.execPath, ["scripts/survey-keys.ts", "--check"], {
      encoding: "utf8",
      env: { ...process.env, INVITATION_KEY_SEED: OTHER_SEED },
    });
    expect(other.status).toBe(1);
    expect(other.stdout).toMatch(/supervisor-career-2026: [0-9a-f]{64} \(fingerprint [0-9a-f ]{24}\) differs/);
    expect(readFileSync(join(SURVEYS_DIR, "supervisor-career-2026.json"), "utf8")).toBe(before);
    // no seed at all, or two: it asks which
    const env = { ...process.env, INVITATION_KEY_SEED: "" };
    expect(spawnSync(process.execPath, ["scripts/survey-keys.ts"], { encoding: "utf8", env }).status).toBe(2);
  }, 30_000); // it starts Node three times: seconds, more on a loaded machine
});

describe("npm start's .dev.vars", () => {
  it("replaces a checkout's old random seed with the development seed, and keeps a seed that fits the committed keys", async () => {
    const dir = mkdtempSync(join(tmpdir(), "candor-devvars-"));
    const file = join(dir, ".dev.vars");
    writeFileSync(file, `ADMIN_TOKEN=abc\nINVITATION_KEY_SEED=${"17".repeat(32)}\nRATE_LIMIT_SECRET=kept\n`);
    expect(await alignDevSeed(file)).toEqual({ replaced: true, refused: [] });
    expect(readFileSync(file, "utf8")).toBe(`ADMIN_TOKEN=abc\nINVITATION_KEY_SEED=${DEV_INVITATION_KEY_SEED}\nRATE_LIMIT_SECRET=kept\n`);
    expect(await alignDevSeed(file)).toEqual({ replaced: false, refused: [] });
    // an organisation's own keys and seed: kept
    const own = surveysCopy();
    await writeKeys(OTHER_SEED, own);
    writeFileSync(file, `INVITATION_KEY_SEED=${OTHER_SEED}\n`);
    expect(await alignDevSeed(file, own)).toEqual({ replaced: false, refused: [] });
    // a seed that fits nothing is kept, and npm start says whose codes will be refused
    writeFileSync(file, `INVITATION_KEY_SEED=${"17".repeat(32)}\n`);
    expect(await alignDevSeed(file, own)).toEqual({ replaced: false, refused: ["supervisor-career-2026"] });
    expect(readFileSync(file, "utf8")).toBe(`INVITATION_KEY_SEED=${"17".repeat(32)}\n`);
  });
});

describe("npm run deploy and the survey keys", () => {
  it("refuses the development seed's keys, asks for the deployment's seed, and refuses keys it does not derive", async () => {
    expect((await deployKeyProblems(OTHER_SEED))[0]).toMatch(/supervisor-career-2026 carries the key of the public development seed/);
    const own = surveysCopy();
    await writeKeys(OTHER_SEED, own);
    expect(await deployKeyProblems(OTHER_SEED, own)).toEqual([]);
    expect((await deployKeyProblems(undefined, own))[0]).toMatch(/Set INVITATION_KEY_SEED in this shell/);
    expect((await deployKeyProblems("17".repeat(32), own))[0]).toMatch(
      /supervisor-career-2026\.json: the committed key [0-9a-f]{64} is not the one/,
    );
    expect((await deployKeyProblems(DEV_INVITATION_KEY_SEED, own))[0]).toMatch(/is not the one INVITATION_KEY_SEED derives/);
    expect(await deployKeyProblems("zz", own)).toEqual([expect.stringMatching(/at least 64 hex/)]);
    // no invitation survey, nothing to check
    const none = mkdtempSync(join(tmpdir(), "candor-surveys-"));
    copyFileSync(join(SURVEYS_DIR, "pulse-2026-11.json"), join(none, "pulse-2026-11.json"));
    expect(await deployKeyProblems(undefined, none)).toEqual([]);
  });

  it("the command stops before building when the demo's keys would ship (a stand-in wrangler lists both secrets)", () => {
    const bin = mkdtempSync(join(tmpdir(), "candor-wrangler-"));
    mkdirSync(bin, { recursive: true });
    const calls = join(bin, "calls.log");
    writeFileSync(
      join(bin, "wrangler"),
      `#!/bin/sh\necho "$@" >> "${calls}"\nif [ "$1 $2 $3" = "pages secret list" ]; then printf '  - RATE_LIMIT_SECRET: Value Encrypted\\n  - INVITATION_KEY_SEED: Value Encrypted\\n'; fi\n`,
    );
    chmodSync(join(bin, "wrangler"), 0o755);
    const run = spawnSync(process.execPath, ["scripts/deploy.ts"], {
      env: {
        ...process.env,
        PATH: `${bin}:${process.env.PATH}`,
        SITE_URL: "https://candor.example.com",
        CANDOR_TODAY: "",
        INVITATION_KEY_SEED: OTHER_SEED,
      },
      encoding: "utf8",
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("public development seed");
    expect(run.stderr).toContain("Nothing was deployed");
    expect(readFileSync(calls, "utf8").trim().split("\n")).toEqual(["pages secret list --project-name candor"]);
  }, 30_000); // it starts Node three times: seconds, more on a loaded machine
});
