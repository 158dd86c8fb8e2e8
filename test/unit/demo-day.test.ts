// The demo day that `npm start` and the test suites pin the clock to must
// show what the README promises: the pulse open, H2 upcoming, H1 closed.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEMO_TODAY } from "../../scripts/demo-day.ts";
import { parseVars } from "#build/vars.ts";
import { isDay } from "#lib/clock.ts";
import { findSurvey } from "#lib/surveys/registry.ts";
import { surveyStatus } from "#lib/surveys/schema.ts";

describe("the demo day", () => {
  it("is a day on which the demo surveys are open, upcoming and closed as described", () => {
    expect(isDay(DEMO_TODAY)).toBe(true);
    const status = (id: string) => surveyStatus(findSurvey(id)!, DEMO_TODAY);
    expect(status("pulse-2026-11")).toBe("open");
    expect(status("supervisor-career-2026")).toBe("open");
    expect(status("reward-survey-2026-h2")).toBe("upcoming");
    expect(status("reward-survey-2026-h1")).toBe("closed");
  });
});

describe("the pin never reaches production", () => {
  it("wrangler.toml declares neither CANDOR_ENV nor CANDOR_TODAY, so a deployed Worker ignores any pin", () => {
    const vars = parseVars(readFileSync("wrangler.toml", "utf8"));
    expect(vars).not.toHaveProperty("CANDOR_ENV");
    expect(vars).not.toHaveProperty("CANDOR_TODAY");
  });

  it("npm run deploy refuses to run with CANDOR_TODAY set, before building anything", () => {
    const run = spawnSync("node", ["scripts/deploy.ts"], {
      env: { ...process.env, CANDOR_TODAY: DEMO_TODAY, SITE_URL: "https://candor.example.com" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`CANDOR_TODAY is set (${DEMO_TODAY})`);
    expect(run.stdout).toBe("");
  });
});
