// GET /api/metrics as the real withApi handler: who may read it (the METRICS_TOKEN bearer when one is
// set, else admins only), the Prometheus text it returns, and that traffic moves the catalog's metrics
// without a user id or email in any label.
import { afterEach, expect, test } from "vitest";
import { GET as listAlerts } from "@/app/api/alerts/route";
import { GET as metricsRoute } from "@/app/api/metrics/route";
import { createPersonalToken } from "@/lib/auth/personal-tokens";
import type { Role } from "@/lib/auth/roles";
import { createUser } from "@/lib/auth/users";
import { createCachedReader } from "@/lib/cache/cached";
import { createMemoryStore } from "@/lib/cache/memory-store";
import { resetEnvForTests } from "@/lib/env";
import { METRIC_CATALOG } from "@/lib/observability/metric-catalog";
import { memoryStateStorePerTest } from "@/tests/support/memory-audit";
import { hasLabels, parseExposition } from "@/tests/support/prometheus-exposition";

memoryStateStorePerTest();

const SCRAPER_TOKEN = "scrape-token-0123456789abcdef";

afterEach(() => {
  delete process.env.METRICS_TOKEN;
  resetEnvForTests();
});

function useMetricsToken(token: string | undefined): void {
  if (token === undefined) delete process.env.METRICS_TOKEN;
  else process.env.METRICS_TOKEN = token;
  resetEnvForTests();
}

async function userWithToken(role: Role): Promise<{ id: string; email: string; token: string }> {
  const email = `${role}-${Math.random().toString(36).slice(2)}@metrics.example`;
  const user = await createUser({ email, password: null, role });
  const { token } = await createPersonalToken({ userId: user.id, name: "metrics" });
  return { id: user.id, email, token };
}

const scrape = (authorization?: string) =>
  metricsRoute(new Request("http://localhost/api/metrics", { headers: authorization ? { authorization } : {} }), { params: Promise.resolve({}) });

function valueOf(text: string, name: string, labels: Record<string, string>): number {
  const found = parseExposition(text).find((s) => s.name === name && hasLabels(s, labels));
  return found?.value ?? 0;
}

test("without METRICS_TOKEN: anonymous 401, a viewer or analyst 403, an admin reads the exposition", async () => {
  useMetricsToken(undefined);
  const anonymous = await scrape();
  expect(anonymous.status).toBe(401);
  expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
  for (const role of ["viewer", "analyst"] as const) {
    const response = await scrape(`Bearer ${(await userWithToken(role)).token}`);
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("forbidden");
  }
  const admin = await scrape(`Bearer ${(await userWithToken("admin")).token}`);
  expect(admin.status).toBe(200);
  expect(admin.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
  expect(admin.headers.get("cache-control")).toBe("no-store");
  const text = await admin.text();
  // Process metrics under prom-client's standard names.
  expect(text).toContain("process_cpu_seconds_total");
  expect(text).toContain("nodejs_heap_size_used_bytes");
  for (const spec of Object.values(METRIC_CATALOG)) expect(text).toContain(`# HELP ${spec.name} ${spec.help}`);
});

test("with METRICS_TOKEN: only that bearer token reads; anything else is 401 with the Bearer challenge", async () => {
  useMetricsToken(SCRAPER_TOKEN);
  const admin = await userWithToken("admin");
  for (const authorization of [undefined, "Bearer wrong-token-0123456789abcdef", `Bearer ${SCRAPER_TOKEN}x`, `Basic ${SCRAPER_TOKEN}`, `Bearer ${admin.token}`]) {
    const response = await scrape(authorization);
    expect(response.status, String(authorization)).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(((await response.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: "unauthorized" });
  }
  const ok = await scrape(`Bearer ${SCRAPER_TOKEN}`);
  expect(ok.status).toBe(200);
  expect(await ok.text()).toContain("cer_http_request_duration_seconds");
});

test("traffic moves the request histogram and the cache counters; no label holds a user id or email", async () => {
  useMetricsToken(SCRAPER_TOKEN);
  const before = await (await scrape(`Bearer ${SCRAPER_TOKEN}`)).text();
  const viewer = await userWithToken("viewer");
  for (let i = 0; i < 3; i++) {
    const response = await listAlerts(new Request("http://localhost/api/alerts", { headers: { authorization: `Bearer ${viewer.token}` } }), { params: Promise.resolve({}) });
    expect(response.status).toBe(200);
  }
  const denied = await listAlerts(new Request("http://localhost/api/alerts"), { params: Promise.resolve({}) });
  expect(denied.status).toBe(401);
  // The cached reader the pipeline uses, on a memory store: a miss, then two hits.
  const cached = createCachedReader(createMemoryStore());
  for (let i = 0; i < 3; i++) await cached("metrics-test", { freshSeconds: 60, staleSeconds: 60 }, async () => ({ n: 1 }));

  const after = await (await scrape(`Bearer ${SCRAPER_TOKEN}`)).text();
  const count = (text: string, labels: Record<string, string>) => valueOf(text, "cer_http_request_duration_seconds_count", labels);
  expect(count(after, { route: "GET /api/alerts", status: "200" }) - count(before, { route: "GET /api/alerts", status: "200" })).toBe(3);
  expect(count(after, { route: "GET /api/alerts", status: "401" }) - count(before, { route: "GET /api/alerts", status: "401" })).toBe(1);
  const cache = (text: string, outcome: string) => valueOf(text, "cer_cache_requests_total", { backend: "memory", outcome });
  expect(cache(after, "hit") - cache(before, "hit")).toBe(2);
  expect(cache(after, "miss") - cache(before, "miss")).toBe(1);
  const ratio = valueOf(after, "cer_cache_hit_ratio", { backend: "memory" });
  expect(ratio).toBeCloseTo(cache(after, "hit") / (cache(after, "hit") + cache(after, "miss") + cache(after, "stale")), 10);
  expect(valueOf(after, "cer_sse_open_connections", {})).toBe(0);

  for (const sample of parseExposition(after)) {
    for (const value of Object.values(sample.labels)) {
      expect(value).not.toContain(viewer.id);
      expect(value).not.toContain("@");
    }
  }
});
