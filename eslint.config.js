// Lint rules for the whole repository. Browser code (components, pages) may
// never import server modules: they would ship secrets-handling code to the
// browser and pull workerd-only APIs into the bundle. Nothing but the one
// clock reads the machine's date: "today" goes through src/lib/clock.ts, so
// the demo and the tests can pin it; on the server only the routes read it.
import js from "@eslint/js";
import astro from "eslint-plugin-astro";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "dist/",
      ".astro/",
      ".wrangler/",
      ".tmp/",
      "node_modules/",
      "src/server/env.d.ts",
      "src/lib/surveys/files.generated.ts",
      "src/lib/publishing/built.generated.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    files: ["**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    // The two rules of hooks. The plugin's other recommended rules check code
    // for the React Compiler, which Candor does not use.
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "error" },
  },
  {
    ignores: ["src/lib/clock.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: "Read the time through src/lib/clock.ts (a Clock, readClock(env), buildClock() or systemClock), so it can be pinned.",
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: "Read the time through src/lib/clock.ts (a Clock, readClock(env), buildClock() or systemClock), so it can be pinned.",
        },
      ],
    },
  },
  {
    // One instant per request: the route reads the clock once and hands
    // `now` to every service it calls, so two reads cannot straddle midnight
    // and a test passes its own instant.
    files: ["src/server/**"],
    ignores: ["src/server/clock.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/clock.ts"],
              importNames: ["readClock"],
              message: "Services take the request's `now: Date` from their route (functions/); only routes call readClock(env).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/components/**", "src/pages/**", "src/layouts/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/server/**", "**/server"], message: "Browser code must not import src/server (server-only)." }] },
      ],
    },
  },
);
