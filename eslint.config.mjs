import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ["**/.next/**", "**/.next-*/**", "node_modules/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "bench/results/**"],
  },
  {
    // Only lib/env.ts reads process.env (architecture rule 2).
    files: ["app/**", "components/**", "lib/**", "inngest/**"],
    ignores: ["lib/env.ts"],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read env through lib/env.ts." }],
    },
  },
];

export default config;
