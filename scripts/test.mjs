// npm test: lint, type-check, unit + integration (vitest, real Redis and HTTP), e2e (Playwright, Chromium).
import { run } from "./lib/run.mjs";

const steps = [
  ["lint", "node", ["node_modules/eslint/bin/eslint.js", "."]],
  ["typecheck", "node", ["node_modules/typescript/bin/tsc", "--noEmit"]],
  ["version gate", "node", ["scripts/check-versions.mjs"]],
  ["unit + integration", "node", ["node_modules/vitest/vitest.mjs", "run"]],
  ["build", "node", ["scripts/ensure-build.mjs"]],
  ["e2e", "node", ["node_modules/@playwright/test/cli.js", "test"]],
];

for (const [name, command, args] of steps) {
  const started = Date.now();
  console.log(`\n=== ${name} ===`);
  const code = await run(command, args);
  console.log(`=== ${name}: ${code === 0 ? "passed" : `FAILED (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (code !== 0) process.exit(code);
}
