// scripts/lib/standalone.mjs and the build-freshness rule it relies on: the server's env (bind host,
// paths made absolute because server.js changes its cwd), and that copying the assets into the
// standalone folder never makes a fresh build look stale — on a throwaway repo layout in a temp dir.
import { mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { buildState } from "../../../scripts/lib/build-freshness.mjs";
import { copyStandaloneAssets, installWorkerLauncher, standaloneComplete, standaloneEnv } from "../../../scripts/lib/standalone.mjs";

describe("standaloneEnv", () => {
  test("binds all interfaces by default, HOSTNAME_BIND when given, never an inherited HOSTNAME", () => {
    expect(standaloneEnv({ HOSTNAME: "container-name" }).HOSTNAME).toBe("0.0.0.0");
    expect(standaloneEnv({ HOSTNAME: "container-name", HOSTNAME_BIND: "127.0.0.1" }).HOSTNAME).toBe("127.0.0.1");
    expect(standaloneEnv({ HOSTNAME_BIND: " " }).HOSTNAME).toBe("0.0.0.0");
  });

  test("sets PORT, keeps the rest of the env", () => {
    const env = standaloneEnv({ LOG_LEVEL: "warn" }, { port: 3555 });
    expect(env.PORT).toBe("3555");
    expect(env.LOG_LEVEL).toBe("warn");
    expect(env.NEXT_TELEMETRY_DISABLED).toBe("1");
  });

  test("relative paths mean what they meant from the caller's cwd; the local secret stays in the repo's .cer-data", () => {
    const env = standaloneEnv({ FAERS_DATA_DIR: "data/faers", AUTH_SECRET_FILE: "secrets/key" }, { root: "/repo", cwd: "/home/me/work" });
    expect(env.FAERS_DATA_DIR).toBe("/home/me/work/data/faers");
    expect(env.AUTH_SECRET_FILE).toBe("/home/me/work/secrets/key");
    expect(standaloneEnv({ FAERS_DATA_DIR: "/abs/faers" }, { root: "/repo" }).FAERS_DATA_DIR).toBe("/abs/faers");
    expect(standaloneEnv({}, { root: "/repo" }).AUTH_SECRET_FILE).toBe("/repo/.cer-data/auth-secret");
  });
});

/** A repo with sources at t=1000 s and a standalone build at t=2000 s (mtimes set explicitly). */
function fakeRepo() {
  const root = mkdtempSync(path.join(tmpdir(), "cer-freshness-"));
  const file = (rel: string, content: string, mtime: number) => {
    const full = path.join(root, rel);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
    utimesSync(full, mtime, mtime);
  };
  file("app/page.tsx", "export default 1", 1000);
  file("public/fonts/DejaVuSans.ttf", "font", 1000);
  file("scripts/standalone-worker.mjs", "// worker launcher", 1000);
  file(".next/static/chunks/a.js", "chunk", 2000);
  file(".next/standalone/server.js", "// server", 2000);
  file(".next/BUILD_ID", "id", 2000);
  for (const dir of ["app", "public/fonts", "public", "scripts"]) utimesSync(path.join(root, dir), 1000, 1000);
  return { root, file };
}

describe("build freshness with the standalone copy", () => {
  test("a build without a standalone server is stale", () => {
    const { root } = fakeRepo();
    const older = mkdtempSync(path.join(tmpdir(), "cer-freshness-old-"));
    mkdirSync(path.join(older, ".next"));
    writeFileSync(path.join(older, ".next", "BUILD_ID"), "id");
    expect(buildState(older).fresh).toBe(false);
    expect(buildState(root).fresh).toBe(true);
  });

  test("copying static, public/ and worker.js in keeps the build fresh and completes the folder", () => {
    const { root } = fakeRepo();
    expect(standaloneComplete(root)).toBe(false);
    copyStandaloneAssets(root);
    installWorkerLauncher(root);
    expect(buildState(root)).toEqual({ fresh: true, reason: "build is current" });
    expect(standaloneComplete(root)).toBe(true);
    expect(readFileSync(path.join(root, ".next/standalone/.next/static/chunks/a.js"), "utf8")).toBe("chunk");
    expect(readFileSync(path.join(root, ".next/standalone/public/fonts/DejaVuSans.ttf"), "utf8")).toBe("font");
    expect(readFileSync(path.join(root, ".next/standalone/worker.js"), "utf8")).toBe("// worker launcher");
  });

  test("a source newer than the build still makes it stale", () => {
    const { root, file } = fakeRepo();
    copyStandaloneAssets(root);
    file("app/page.tsx", "export default 2", 3000);
    expect(buildState(root).fresh).toBe(false);
  });

  test("a second copy replaces the first (no files of an older build left behind)", () => {
    const { root, file } = fakeRepo();
    copyStandaloneAssets(root);
    file(".next/standalone/.next/static/chunks/old.js", "old", 2000);
    copyStandaloneAssets(root);
    expect(() => readFileSync(path.join(root, ".next/standalone/.next/static/chunks/old.js"))).toThrow();
  });
});
