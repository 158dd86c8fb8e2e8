// The browser files that run beside the others (vitest.config.ts, project
// "e2e-apart"): each starts a server and database of its own from the shared
// build, or needs no server at all, so it cannot disturb, or be disturbed by,
// the files that share the global setup's server. test/unit/e2e-projects.test.ts
// checks that none of them reads the shared server.
export const E2E_APART = [
  "test/e2e/admin.test.ts",
  "test/e2e/anonymity.test.ts",
  "test/e2e/publish.test.ts",
  "test/e2e/publish-policy.test.ts",
  "test/e2e/publish-local.test.ts",
  "test/e2e/publish-survey.test.ts",
  "test/e2e/publish-results.test.ts",
  "test/e2e/publish-forum.test.ts",
  "test/e2e/backup-cli.test.ts",
  "test/e2e/deploy-migrations.test.ts",
  "test/e2e/survey-tools.test.ts",
  "test/e2e/build-guard.test.ts",
];
