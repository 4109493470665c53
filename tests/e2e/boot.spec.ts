import { expect, test } from "@playwright/test";
import { spawnStandalone } from "../../scripts/lib/standalone.mjs";

// The cache TTL, and the #13 settings whose bad values must stop the server too (the metrics token, the
// OTLP endpoint and sampling ratio): each refusal names the variable.
const BAD_VALUES: Array<[string, string, string]> = [
  ["CACHE_TTL_SECONDS", "twelve hours", "CACHE_TTL_SECONDS: must be a whole number"],
  ["METRICS_TOKEN", "sh0rtTok", "METRICS_TOKEN:"],
  ["METRICS_TOKEN", "a token with spaces in it", "METRICS_TOKEN:"],
  ["OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4318", "OTEL_EXPORTER_OTLP_ENDPOINT:"],
  ["OTEL_TRACES_SAMPLE_RATIO", "2", "OTEL_TRACES_SAMPLE_RATIO:"],
];

for (const [name, value, message] of BAD_VALUES) {
  test(`a bad ${name} (${JSON.stringify(value)}) stops the server at boot with a message naming it`, async () => {
    const child = spawnStandalone({
      port: 3199,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", [name]: value },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        resolve(null);
      }, 30_000);
      child.on("exit", (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(code).toBe(1);
    expect(output).toContain(message);
    // The refused value itself is not echoed (a token might be nearly right).
    if (name === "METRICS_TOKEN") expect(output).not.toContain(value);
  });
}

test("with no admin configured, the first admin's random password is printed once; it signs in; no secret ever reaches a log line", async () => {
  const { mkdtempSync, readFileSync, statSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const path = await import("node:path");
  const { freePort } = await import("../support/redis");
  const { postCredentials, SESSION_COOKIE } = await import("./auth");
  const dir = mkdtempSync(path.join(tmpdir(), "cer-boot-"));
  const secretFile = path.join(dir, "auth-secret");
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", LOG_LEVEL: "debug", AUTH_SECRET_FILE: secretFile };
  for (const name of ["AUTH_SECRET", "NEXTAUTH_SECRET", "ADMIN_EMAIL", "ADMIN_PASSWORD", "REDIS_URL", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN"]) delete env[name];
  const child = spawnStandalone({ port, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  try {
    let password: string | undefined;
    for (let i = 0; i < 120 && !password; i++) {
      password = /Created the first admin admin@localhost with password: (\S+)/.exec(output)?.[1];
      if (!password) await new Promise((r) => setTimeout(r, 250));
    }
    expect(password, output.slice(-2000)).toBeTruthy();
    // The generated secret is kept, readable by the owner only.
    expect(readFileSync(secretFile, "utf8").trim().length).toBeGreaterThanOrEqual(32);
    expect(statSync(secretFile).mode & 0o077).toBe(0);

    // Exercise every credential: a wrong password, a session, an API token, a personal token.
    expect((await postCredentials("admin@localhost", "wrong-password-000", origin)).cookies.has(SESSION_COOKIE)).toBe(false);
    const { cookies } = await postCredentials("admin@localhost", password!, origin);
    const session = cookies.get(SESSION_COOKIE);
    expect(session).toBeTruthy();
    const tokenResponse = await fetch(`${origin}/api/auth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "admin@localhost", password }),
    });
    const { token } = (await tokenResponse.json()) as { token: string };
    const patResponse = await fetch(`${origin}/api/account/tokens`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "log check" }),
    });
    const { token: pat } = (await patResponse.json()) as { token: string };
    expect((await fetch(`${origin}/api/account/tokens`, { headers: { authorization: `Bearer ${pat}` } })).status).toBe(200);
    expect((await fetch(`${origin}/api/admin/users`, { headers: { authorization: `Bearer ${pat}` } })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));

    // The password appears exactly once (the boot message); nothing else secret or personal at all.
    expect(output.split(password!).length - 1).toBe(1);
    const secret = readFileSync(secretFile, "utf8").trim();
    for (const value of [secret, token, pat, session!, "wrong-password-000"]) expect(output).not.toContain(value);
    const logLines = output.split("\n").filter((line) => line.startsWith("{"));
    expect(logLines.length).toBeGreaterThan(5);
    for (const line of logLines) {
      expect(line).not.toMatch(/admin@localhost|cer_pat_|eyJ[\w-]+\.[\w-]+\./);
      expect(() => JSON.parse(line)).not.toThrow();
    }
  } finally {
    child.kill("SIGKILL");
  }
});
