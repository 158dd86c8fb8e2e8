// Publishing is configured wholly or not at all: the deploy and the Worker refuse a half-set one.
import { describe, expect, it } from "vitest";
import { publishingProblem, readPublishConfig } from "#server/publishing/config.ts";

const FULL = { PUBLISH_REPO: "acme/candor", PUBLISH_BRANCH: "main", PUBLISH_TOKEN: "set", PUBLISH_API_URL: "https://api.github.com" };

describe("publishing settings", () => {
  it("accepts all four or none", () => {
    expect(publishingProblem({})).toBeNull();
    expect(publishingProblem(FULL)).toBeNull();
    expect(readPublishConfig({})).toBeNull();
    expect(readPublishConfig(FULL)).toMatchObject({ owner: "acme", repo: "candor", branch: "main", apiUrl: "https://api.github.com" });
  });

  it("refuses a half-set configuration, naming what is missing", () => {
    expect(publishingProblem({ ...FULL, PUBLISH_TOKEN: "" })).toMatch(/half-configured: PUBLISH_TOKEN missing/);
    expect(publishingProblem({ PUBLISH_REPO: "acme/candor" })).toMatch(/PUBLISH_BRANCH, PUBLISH_TOKEN, PUBLISH_API_URL missing/);
    expect(() => readPublishConfig({ PUBLISH_REPO: "acme/candor" })).toThrow(/half-configured/);
    expect(publishingProblem({ ...FULL, PUBLISH_REPO: "candor" })).toMatch(/owner\/name/);
  });
});
