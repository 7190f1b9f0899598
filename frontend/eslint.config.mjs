// ESLint (flat config): Next's rules (React, hooks, Core Web Vitals, TypeScript) plus the full
// recommended set of jsx-a11y — Next enables only a handful of its rules — as errors.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import jsxA11y from "eslint-plugin-jsx-a11y";

const a11yRules = Object.fromEntries(
  Object.entries(jsxA11y.flatConfigs.recommended.rules).map(([rule, setting]) => [
    rule,
    Array.isArray(setting) ? ["error", ...setting.slice(1)] : setting === "off" ? "off" : "error",
  ]),
);

const config = [
  {
    ignores: ["node_modules/**", ".next/**", ".next-*/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "lib/api/schema.gen.ts"],
  },
  ...nextVitals,
  ...nextTypescript,
  {
    files: ["**/*.{ts,tsx,js,jsx,mjs}"],
    rules: {
      ...a11yRules,
      // Radix's Label renders a <label> with htmlFor: tell the rule it is one.
      "jsx-a11y/label-has-associated-control": ["error", { labelComponents: ["Label"], assert: "either", depth: 3 }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // CommonJS on purpose: preloaded with `node --require` before Next starts.
    files: ["server/**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "writable" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
];

export default config;
