import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createCachedProbe } from "@/lib/health/cached-probe";
import { inngestServerUrl, probeInngestServer } from "@/lib/health/inngest-probe";
import { probeOpenFda } from "@/lib/health/openfda-probe";
import { createOpenFdaClient } from "@/lib/sources/openfda/client";

// The readiness probes against a real local HTTP server that counts what reaches it.

const API_KEY = "probe-key-that-must-not-show-91c2";
let server: http.Server;
let origin: string;
let hits: { path: string; authorization: string | undefined }[] = [];
/** What the next answers are: status and a delay, set per test. */
let answer = { status: 200, delayMs: 0 };

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits.push({ path: req.url ?? "", authorization: req.headers.authorization });
    setTimeout(() => {
      if (answer.status === 200) res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ meta: {}, results: [{ safetyreportid: "1" }] }));
      else res.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "SERVER_ERROR", message: "down" } }));
    }, answer.delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function openFdaProbe(now: () => number, ttlMs = 60_000) {
  const client = createOpenFdaClient({ baseUrl: origin, apiKey: API_KEY, timeoutMs: 2000, maxAttempts: 1, rateLimiter: { take: async () => {} } });
  return createCachedProbe({ ttlMs, probe: () => probeOpenFda(client), failureDetail: "openFDA probe failed", now });
}

describe("the cached, single-flight openFDA probe", () => {
  test("twenty concurrent calls make one request, with the key as Basic auth; the answer is reused until the TTL passes", async () => {
    hits = [];
    answer = { status: 200, delayMs: 100 };
    let clock = 1_000_000;
    const probe = openFdaProbe(() => clock);
    const results = await Promise.all(Array.from({ length: 20 }, () => probe()));
    expect(hits).toHaveLength(1);
    expect(hits[0]?.path).toBe("/drug/event.json?limit=1");
    expect(hits[0]?.authorization).toBe(`Basic ${Buffer.from(`${API_KEY}:`).toString("base64")}`);
    expect(new Set(results).size).toBe(1);
    expect(results[0]).toMatchObject({ ok: true, detail: "openFDA answered a one-record query", checkedAt: new Date(1_000_000).toISOString() });

    clock += 59_999;
    await probe();
    expect(hits).toHaveLength(1);
    clock += 2;
    await Promise.all([probe(), probe(), probe()]);
    expect(hits).toHaveLength(2);
  });

  test("a failure is reported (not thrown), cached like a success, and shows neither the key nor the URL", async () => {
    hits = [];
    answer = { status: 503, delayMs: 0 };
    let clock = 5_000_000;
    const probe = openFdaProbe(() => clock, 10_000);
    const failed = await probe();
    expect(failed.ok).toBe(false);
    expect(failed.detail).toContain("openFDA is unavailable");
    expect(JSON.stringify(failed)).not.toContain(API_KEY);
    expect(JSON.stringify(failed)).not.toContain(origin);
    await probe();
    expect(hits).toHaveLength(1);

    answer = { status: 200, delayMs: 0 };
    clock += 10_001;
    expect((await probe()).ok).toBe(true);
    expect(hits).toHaveLength(2);
  });

  test("a probe that throws reports the fixed failure detail, and the next call after the TTL probes again", async () => {
    let clock = 0;
    let calls = 0;
    const probe = createCachedProbe({
      ttlMs: 1000,
      failureDetail: "probe failed",
      now: () => clock,
      probe: async () => {
        calls++;
        throw new Error(`connect ECONNREFUSED ${origin}/secret-path`);
      },
    });
    expect(await probe()).toMatchObject({ ok: false, detail: "probe failed" });
    clock = 1001;
    await probe();
    expect(calls).toBe(2);
  });
});

describe("the Inngest server probe", () => {
  test("any answer below 500 is reachable; 5xx and a closed port are not", async () => {
    hits = [];
    answer = { status: 200, delayMs: 0 };
    expect(await probeInngestServer(`${origin}/`, 1000)).toEqual({ ok: true, detail: "Inngest server answered (200)" });
    expect(hits.at(-1)?.path).toBe("/health");
    answer = { status: 404, delayMs: 0 };
    expect((await probeInngestServer(origin, 1000)).ok).toBe(true);
    answer = { status: 502, delayMs: 0 };
    expect(await probeInngestServer(origin, 1000)).toEqual({ ok: false, detail: "Inngest server answered 502" });
    answer = { status: 200, delayMs: 500 };
    expect(await probeInngestServer(origin, 100)).toEqual({ ok: false, detail: "Inngest server did not answer within 100 ms" });
    expect(await probeInngestServer("http://127.0.0.1:9", 1000)).toEqual({ ok: false, detail: "Inngest server unreachable" });
  });

  test("the server probed: INNGEST_BASE_URL, else the dev server (its URL, or the default for INNGEST_DEV=1), else none (Cloud)", () => {
    expect(inngestServerUrl({ INNGEST_BASE_URL: "https://inngest.internal", INNGEST_DEV: "1" })).toBe("https://inngest.internal");
    expect(inngestServerUrl({ INNGEST_BASE_URL: undefined, INNGEST_DEV: "http://127.0.0.1:8299" })).toBe("http://127.0.0.1:8299");
    expect(inngestServerUrl({ INNGEST_BASE_URL: undefined, INNGEST_DEV: "1" })).toBe("http://localhost:8288");
    expect(inngestServerUrl({ INNGEST_BASE_URL: undefined, INNGEST_DEV: undefined })).toBeNull();
  });
});
