// Lint rules for the whole repository. Browser code (components, pages) may
// never import server modules: they would ship secrets-handling code to the
// browser and pull workerd-only APIs into the bundle.
import js from "@eslint/js";
import astro from "eslint-plugin-astro";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", ".astro/", ".wrangler/", ".tmp/", "node_modules/", "src/server/env.d.ts"] },
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
    files: ["src/components/**", "src/pages/**", "src/layouts/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/server/**", "**/server"], message: "Browser code must not import src/server (server-only)." }] },
      ],
    },
  },
);
