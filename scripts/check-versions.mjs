// Fails when a security-relevant package resolves below the floor in security-floors.json.
import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { floors } = JSON.parse(readFileSync(path.join(root, "security-floors.json"), "utf8"));

const parse = (v) => v.split(/[.+-]/).slice(0, 3).map((n) => Number.parseInt(n, 10) || 0);
const below = (a, b) => {
  const [x, y] = [parse(a), parse(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] < y[i];
  return false;
};

let failed = false;
for (const [name, floor] of Object.entries(floors)) {
  const manifest = path.join(root, "node_modules", name, "package.json");
  if (!existsSync(manifest)) {
    console.error(`✗ ${name}: not installed (floor ${floor})`);
    failed = true;
    continue;
  }
  const { version } = JSON.parse(readFileSync(manifest, "utf8"));
  if (below(version, floor)) {
    console.error(`✗ ${name} ${version} is below the floor ${floor}`);
    failed = true;
  } else {
    console.log(`✓ ${name} ${version} ≥ ${floor}`);
  }
}
process.exit(failed ? 1 : 0);
