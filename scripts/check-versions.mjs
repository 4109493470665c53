// Version gate (issue #4): fails when any installed copy of a security-relevant package is below its floor
// in security-floors.json, or when the Node runtime is past end-of-life without a dated exception.
// npm audit cannot reach its service here, so this offline check stands in for it (reliability.md §0, finding 3).
//
// Usage: node scripts/check-versions.mjs [root]   (root holds security-floors.json and package-lock.json;
// defaults to the repository). Exit 0: all floors met. Exit 1: a floor is missed or the input is unusable.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { compareVersions } from "./semver-compare.mjs";

const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), ".."));
const failures = [];
const warnings = [];
const fail = (message) => failures.push(message);
const warn = (message) => warnings.push(message);

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    fail(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

const withoutComments = (record) => Object.fromEntries(Object.entries(record ?? {}).filter(([key]) => !key.startsWith("$")));

/**
 * Every place `name` is installed: each package-lock.json `packages` key ending in node_modules/<name>
 * (nested copies such as node_modules/next-auth/node_modules/@auth/core included), plus the top-level
 * copy on disk when the lockfile does not list it. Links point at another entry and are skipped.
 */
function installedCopies(lockPackages, name) {
  const copies = [];
  for (const [location, entry] of Object.entries(lockPackages)) {
    if (location !== `node_modules/${name}` && !location.endsWith(`/node_modules/${name}`)) continue;
    if (entry?.link) continue;
    copies.push({ location, lockVersion: typeof entry?.version === "string" ? entry.version : null });
  }
  const topLevel = `node_modules/${name}`;
  if (!copies.some((copy) => copy.location === topLevel) && existsSync(path.join(root, topLevel, "package.json"))) {
    copies.push({ location: topLevel, lockVersion: null });
  }
  return copies;
}

/** The version on disk, which is what actually runs; null when that copy is not on disk. */
function diskVersion(location) {
  const manifest = path.join(root, location, "package.json");
  if (!existsSync(manifest)) return null;
  const version = readJson(manifest)?.version;
  return typeof version === "string" ? version : null;
}

function isBelow(version, floor) {
  try {
    return compareVersions(version, floor) < 0;
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
    return false;
  }
}

function checkPackages(floors, lockPackages) {
  for (const [name, floor] of Object.entries(floors)) {
    const copies = installedCopies(lockPackages, name);
    if (copies.length === 0) {
      fail(`${name}: not installed (floor ${floor}); remove the floor if the package is gone for good`);
      continue;
    }
    for (const { location, lockVersion } of copies) {
      const onDisk = diskVersion(location);
      const versions = [...new Set([lockVersion, onDisk].filter((v) => v !== null))];
      if (versions.length === 0) fail(`${name} at ${location}: no version recorded`);
      if (lockVersion !== null && onDisk !== null && lockVersion !== onDisk) {
        warn(`${name} at ${location}: package-lock.json says ${lockVersion} but ${onDisk} is installed (run npm ci)`);
      }
      for (const version of versions) {
        if (isBelow(version, floor)) fail(`${name} ${version} is below the floor ${floor} at ${location}`);
        else console.log(`✓ ${name} ${version} ≥ ${floor} (${location})`);
      }
    }
  }
}

function checkLockstep(lockstep, floors, lockPackages) {
  for (const [follower, leader] of Object.entries(lockstep)) {
    if (floors[follower] !== floors[leader]) {
      fail(`security-floors.json: ${follower}'s floor (${floors[follower]}) must equal ${leader}'s (${floors[leader]})`);
    }
    const [a, b] = [lockPackages[`node_modules/${follower}`]?.version, lockPackages[`node_modules/${leader}`]?.version];
    if (a && b && a !== b) warn(`${follower} ${a} is not in lockstep with ${leader} ${b}`);
  }
}

/** Node past its end-of-life fails, unless security-floors.json holds a dated exception for that major. */
function checkNode(endOfLife, exception, today) {
  const major = Number.parseInt(process.versions.node, 10);
  console.log(`Node ${process.version}`);
  if (exception) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(String(exception.until)) || !exception.why) {
      fail("security-floors.json: nodeException needs major, until (YYYY-MM-DD) and why");
    } else if (today > exception.until) {
      fail(`the Node ${exception.major} exception expired on ${exception.until}: move to a supported Node, or renew it with a reason`);
    }
  }
  const eol = endOfLife[String(major)];
  if (eol === undefined) {
    warn(`no end-of-life date on file for Node ${major}; add it to nodeEndOfLife in security-floors.json`);
    return;
  }
  if (today <= eol) return;
  if (Number(exception?.major) !== major) {
    fail(`Node ${major} reached end-of-life on ${eol}; use a supported major, or add a dated nodeException`);
  } else if (today <= exception.until) {
    warn(`Node ${major} reached end-of-life on ${eol} and gets no security fixes; allowed until ${exception.until}: ${exception.why}`);
  } // else: the expired exception has already failed above
}

const config = readJson(path.join(root, "security-floors.json"));
const lock = readJson(path.join(root, "package-lock.json"));
if (config && lock) {
  const floors = withoutComments(config.floors);
  if (!lock.packages || typeof lock.packages !== "object") {
    fail("package-lock.json has no `packages` map (lockfileVersion 2 or 3 is needed to see nested copies)");
  } else {
    checkPackages(floors, lock.packages);
    checkLockstep(withoutComments(config.lockstep), floors, lock.packages);
  }
  checkNode(withoutComments(config.nodeEndOfLife), config.nodeException, new Date().toISOString().slice(0, 10));
}

for (const message of warnings) console.warn(`⚠ ${message}`);
for (const message of failures) console.error(`✗ ${message}`);
console.log(failures.length === 0 ? "Version gate passed." : `Version gate FAILED: ${failures.length} problem(s).`);
process.exit(failures.length === 0 ? 0 : 1);
