import { availableParallelism } from "node:os";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { DEMO_TODAY } from "./scripts/demo-day.ts";
import { TMP_DIR } from "./scripts/env.ts";
import { testSecrets } from "./scripts/dev-secrets.ts";
import { writeBuiltContent } from "./scripts/built-content.ts";
import { writeSurveyList } from "./scripts/survey-list.ts";
import { E2E_APART } from "./test/e2e/projects.ts";
import { STANDIN_TOKEN } from "./test/integration/global-setup.ts";
import { fastCheckSettings } from "./test/support/fast-check-settings.ts";

// Four projects: pure logic in Node; API routes inside workerd against a real
// local D1 (the functions are built into a Worker first, exactly as Pages
// does, so routing and middleware are the real ones); the browser suite, in two.
// The integration Worker is a local one pinned to DEMO_TODAY (CANDOR_ENV and
// CANDOR_TODAY, exactly as `npm start` passes them to wrangler pages dev), so
// the tests read their "today" from env.CANDOR_TODAY and never from the machine.
const migrations = await readD1Migrations("./migrations");
// Every project imports the survey registry, and the integration Worker is bundled from it and the built-content list.
writeSurveyList();
await writeBuiltContent();

// One seed and one multiplier of run counts for every property test (FC_SEED, FC_RUNS: test/support/fast-check.ts).
const fastCheck = {
  setupFiles: ["test/support/fast-check-setup.ts"],
  provide: { fastCheck: fastCheckSettings(process.env) },
};

const e2e = {
  environment: "node",
  globalSetup: ["test/e2e/global-setup.ts"],
  testTimeout: 60_000,
  hookTimeout: 120_000,
  fileParallelism: false,
} as const;

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          environment: "node",
          // One file per core: vitest's default (cores − 1) runs the unit files one
          // at a time on a 2-core machine. Integration keeps the default: with two
          // workerd processes at once on the shared, loaded machine its tests ran
          // no faster and timed out more (docs/testing.md, "Where the time goes").
          maxWorkers: availableParallelism(),
          ...fastCheck,
        },
      },
      {
        plugins: [
          cloudflareTest(({ inject }) => ({
            main: `./${TMP_DIR}/functions-worker/index.js`,
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: migrations,
                ADMIN_TOKEN: "test-admin-token-0123456789abcdef-0123",
                CANDOR_ENV: "test",
                CANDOR_TODAY: DEMO_TODAY,
                // the secrets a deployed Worker must have, made up for this run
                ...testSecrets(),
                // two named HR people, so drafts can be approved by someone other than their author
                HR_TOKENS: "ana@candor.test=test-hr-token-ana-0123456789abcdef-0123,li@candor.test=test-hr-token-li-0123456789abcdef-01234",
                // publishing goes to the git host stand-in test/integration/global-setup.ts starts
                PUBLISH_REPO: "candor/candor",
                PUBLISH_BRANCH: "main",
                PUBLISH_TOKEN: STANDIN_TOKEN,
                PUBLISH_API_URL: inject("standinUrl"),
              },
            },
          })),
        ],
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          globalSetup: ["test/integration/global-setup.ts"],
          setupFiles: ["test/integration/apply-migrations.ts", ...fastCheck.setupFiles],
          provide: fastCheck.provide,
        },
      },
      // The browser suite in two projects that run side by side, each one file
      // at a time: the files that use the shared server and its database (some
      // write to it and count what they wrote, so never two at once), and the
      // files that start a server and database of their own from the same build,
      // or need no server (E2E_APART, checked by test/unit/e2e-projects.test.ts).
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          exclude: E2E_APART,
          ...e2e,
        },
      },
      {
        test: {
          name: "e2e-apart",
          include: E2E_APART,
          ...e2e,
        },
      },
    ],
  },
});
