// .ci/apt.sh, run by bash with stand-ins for apt-get and sudo that only log their arguments: a fresh
// machine needs `apt-get update` before its first install, once, and never when nothing is installed.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";

const repoRoot = path.resolve(import.meta.dirname, "../..");

function runWithStubs(script: string): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), "cer-apt-"));
  const log = path.join(dir, "calls.log");
  writeFileSync(path.join(dir, "apt-get"), `#!/bin/sh\necho "apt-get $*" >> "${log}"\n`);
  writeFileSync(path.join(dir, "sudo"), `#!/bin/sh\nexec "$@"\n`);
  chmodSync(path.join(dir, "apt-get"), 0o755);
  chmodSync(path.join(dir, "sudo"), 0o755);
  writeFileSync(log, "");
  const result = spawnSync("bash", ["-euo", "pipefail", "-c", `. .ci/apt.sh\n${script}`], {
    cwd: repoRoot,
    env: { ...process.env, PATH: `${dir}:${process.env.PATH ?? ""}` },
    encoding: "utf8",
  });
  expect(result.status, result.stderr).toBe(0);
  return readFileSync(log, "utf8").split("\n").filter((l) => l !== "");
}

describe(".ci/apt.sh apt_install", () => {
  test("updates the package lists once, before the first install", () => {
    expect(runWithStubs("apt_install chromium\napt_install redis-server poppler-utils")).toEqual([
      "apt-get update",
      "apt-get install -y chromium",
      "apt-get install -y redis-server poppler-utils",
    ]);
  });

  test("does nothing when nothing is to be installed", () => {
    expect(runWithStubs("true")).toEqual([]);
  });

  test(".ci/run installs only through apt_install", () => {
    const run = readFileSync(path.join(repoRoot, ".ci/run"), "utf8");
    expect(run).toContain(". .ci/apt.sh");
    expect(run.split("\n").filter((line) => /apt-get\s+install/.test(line))).toEqual([]);
  });
});
