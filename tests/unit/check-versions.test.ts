import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { compareVersions, parseVersion } from "@/scripts/semver-compare.mjs";

const REPO = path.resolve(import.meta.dirname, "../..");
const SCRIPT = path.join(REPO, "scripts/check-versions.mjs");
const REAL_FLOORS = JSON.parse(readFileSync(path.join(REPO, "security-floors.json"), "utf8")) as { floors: Record<string, string> };
const NODE_MAJOR = process.versions.node.split(".")[0] ?? "0";

describe("compareVersions (semver precedence)", () => {
  test.each<[string, string, -1 | 0 | 1]>([
    ["1.0.0", "1.0.0", 0],
    ["1.0.0", "2.0.0", -1],
    ["16.4.5", "16.4.6", -1],
    ["16.10.0", "16.9.9", 1],
    ["0.41.2", "0.41.3", -1],
    ["5.0.0-beta.31", "5.0.0-beta.32", -1],
    ["5.0.0-beta.32", "5.0.0", -1],
    ["5.0.0-beta.32", "5.0.0-beta.32", 0],
    ["5.0.0-beta.9", "5.0.0-beta.10", -1],
    ["4.24.15", "5.0.0-beta.1", -1],
    ["1.0.0-alpha", "1.0.0-alpha.1", -1],
    ["1.0.0-1", "1.0.0-alpha", -1],
    ["1.0.0-rc.1", "1.0.0-RC.1", 1],
    ["1.0.0+build.1", "1.0.0+build.2", 0],
    ["1.0.0-beta.2+exp.sha.5114f85", "1.0.0-beta.2", 0],
    ["v19.2.6", "19.2.6", 0],
    ["9007199254740993.0.0", "9007199254740992.0.0", 1],
  ])("%s vs %s → %d", (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
    expect(compareVersions(b, a)).toBe(expected === 0 ? 0 : -expected);
  });

  test("sorts semver.org's example chain into order", () => {
    const ordered = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0"];
    const shuffled = [ordered[5], ordered[7], ordered[0], ordered[3], ordered[6], ordered[1], ordered[4], ordered[2]] as string[];
    expect([...shuffled].sort(compareVersions)).toEqual(ordered);
  });

  test.each(["16.4", "16.4.x", "01.2.3", "1.2.3-", "1.2.3-beta..1", "1.2.3-01", "latest", ""])("refuses %j", (version) => {
    expect(parseVersion(version)).toBeNull();
    expect(() => compareVersions(version, "1.0.0")).toThrow(/not a semantic version/);
  });
});

// The script against a temporary root holding its own security-floors.json and package-lock.json.
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

type Lock = Record<string, { version?: string; link?: boolean; resolved?: string }>;

/** Every floored package installed exactly at its floor, plus look-alike names that must not count. */
function lockAtFloors(): Lock {
  const packages: Lock = { "": {} };
  for (const [name, floor] of Object.entries(REAL_FLOORS.floors)) packages[`node_modules/${name}`] = { version: floor };
  packages["node_modules/next-themes"] = { version: "0.0.1" };
  packages["node_modules/@types/react"] = { version: "1.0.0" };
  packages["node_modules/some-tool/node_modules/react-is"] = { version: "1.0.0" };
  return packages;
}

const notEndOfLife = { nodeEndOfLife: { [NODE_MAJOR]: "2999-12-31" } };

function runGate(options: { packages?: Lock; node?: object; disk?: Record<string, string>; floors?: Record<string, string> } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), "cer-version-gate-"));
  dirs.push(dir);
  const floors = { floors: { ...REAL_FLOORS.floors, ...options.floors }, lockstep: { "eslint-config-next": "next" }, ...(options.node ?? notEndOfLife) };
  writeFileSync(path.join(dir, "security-floors.json"), JSON.stringify(floors));
  writeFileSync(path.join(dir, "package-lock.json"), JSON.stringify({ lockfileVersion: 3, packages: options.packages ?? lockAtFloors() }));
  for (const [location, version] of Object.entries(options.disk ?? {})) {
    mkdirSync(path.join(dir, location), { recursive: true });
    writeFileSync(path.join(dir, location, "package.json"), JSON.stringify({ version }));
  }
  const result = spawnSync(process.execPath, [SCRIPT, dir], { encoding: "utf8", timeout: 20_000 });
  return { code: result.status, out: `${result.stdout}\n${result.stderr}` };
}

describe("scripts/check-versions.mjs", () => {
  test("passes when every copy is at or above its floor", () => {
    const { code, out } = runGate();
    expect(out).toContain(`Node ${process.version}`);
    expect(code).toBe(0);
  });

  test("fails on a too-old nested copy, naming the package and its path", () => {
    const packages = { ...lockAtFloors(), "node_modules/next-auth/node_modules/@auth/core": { version: "0.41.2" } };
    const { code, out } = runGate({ packages });
    expect(code).toBe(1);
    expect(out).toMatch(/@auth\/core 0\.41\.2 is below the floor 0\.41\.3 at node_modules\/next-auth\/node_modules\/@auth\/core/);
  });

  test.each<[string, string, number]>([
    ["an older beta", "5.0.0-beta.31", 1],
    ["the floor's beta", "5.0.0-beta.32", 0],
    ["a later beta", "5.0.0-beta.40", 0],
    ["the release", "5.0.0", 0],
    ["the v4 line", "4.24.15", 1],
  ])("next-auth: %s (%s) → exit %d", (_label, version, expected) => {
    const { code, out } = runGate({ packages: { ...lockAtFloors(), "node_modules/next-auth": { version } } });
    expect(code).toBe(expected);
    if (expected === 1) expect(out).toContain(`next-auth ${version} is below the floor`);
  });

  test("a prerelease of the floor itself is below it", () => {
    const { code, out } = runGate({ packages: { ...lockAtFloors(), "node_modules/next": { version: "16.4.5-canary.3" } } });
    expect(code).toBe(1);
    expect(out).toContain("next 16.4.5-canary.3 is below the floor 16.4.5");
  });

  test("a floored package missing from the lockfile fails", () => {
    const packages = lockAtFloors();
    delete packages["node_modules/ioredis"];
    const { code, out } = runGate({ packages });
    expect(code).toBe(1);
    expect(out).toContain("ioredis: not installed");
  });

  test("the copy on disk counts when it differs from the lockfile", () => {
    const { code, out } = runGate({ disk: { "node_modules/jose": "5.9.6" } });
    expect(code).toBe(1);
    expect(out).toContain("jose 5.9.6 is below the floor 6.0.0 at node_modules/jose");
  });

  test("an unparsable version fails instead of passing", () => {
    const { code, out } = runGate({ packages: { ...lockAtFloors(), "node_modules/react": { version: "latest" } } });
    expect(code).toBe(1);
    expect(out).toContain('not a semantic version: "latest"');
  });

  test("eslint-config-next's floor must equal next's", () => {
    const { code, out } = runGate({ floors: { "eslint-config-next": "16.4.4" } });
    expect(code).toBe(1);
    expect(out).toContain("eslint-config-next's floor (16.4.4) must equal next's (16.4.5)");
  });

  describe("the Node runtime", () => {
    test("past end-of-life with no exception: fails", () => {
      const { code, out } = runGate({ node: { nodeEndOfLife: { [NODE_MAJOR]: "2000-01-01" } } });
      expect(code).toBe(1);
      expect(out).toContain(`Node ${NODE_MAJOR} reached end-of-life on 2000-01-01`);
    });

    test("past end-of-life with a live dated exception: warns, passes", () => {
      const node = {
        nodeEndOfLife: { [NODE_MAJOR]: "2000-01-01" },
        nodeException: { major: Number(NODE_MAJOR), until: "2999-12-31", why: "team decision" },
      };
      const { code, out } = runGate({ node });
      expect(code).toBe(0);
      expect(out).toMatch(/⚠ Node \d+ reached end-of-life on 2000-01-01.*allowed until 2999-12-31: team decision/);
    });

    test("an expired exception fails", () => {
      const node = {
        nodeEndOfLife: { [NODE_MAJOR]: "2000-01-01" },
        nodeException: { major: Number(NODE_MAJOR), until: "2001-01-01", why: "team decision" },
      };
      const { code, out } = runGate({ node });
      expect(code).toBe(1);
      expect(out).toContain(`the Node ${NODE_MAJOR} exception expired on 2001-01-01`);
    });

    test("the repository's own file states Node 20 as a dated exception with a reason", () => {
      const file = JSON.parse(readFileSync(path.join(REPO, "security-floors.json"), "utf8")) as {
        nodeException?: { major: number; until: string; why: string };
        nodeEndOfLife: Record<string, string>;
      };
      expect(file.nodeException).toMatchObject({ major: 20, until: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
      expect(file.nodeException?.why.length).toBeGreaterThan(20);
      expect(file.nodeEndOfLife["20"]).toBe("2026-04-30");
    });
  });
});
