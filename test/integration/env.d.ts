import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      ADMIN_TOKEN: string;
      CANDOR_ENV: string;
      /** The pinned day (DEMO_TODAY, vitest.config.ts): the tests' "today". */
      CANDOR_TODAY: string;
      /** The public development seed (scripts/dev-secrets.ts): the demo surveys' committed keys are derived from it. */
      INVITATION_KEY_SEED?: string;
      HR_TOKENS: string;
      PUBLISH_REPO: string;
      PUBLISH_BRANCH: string;
      PUBLISH_TOKEN: string;
      PUBLISH_API_URL: string;
    }
  }
}
export {};
