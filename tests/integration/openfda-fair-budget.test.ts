// The openFDA budget end to end: the pipeline's caller reaches the budget through the client, a
// request refused by the budget answers its stale copy (or 503), and with Redis two instances share
// one budget for the API key.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createCachedReader } from "@/lib/cache/cached";
import { createMemoryStore } from "@/lib/cache/memory-store";
import { createRateLimiter } from "@/lib/cache/ratelimit";
import { connectRedis } from "@/lib/cache/redis-connection";
import { AppError } from "@/lib/errors/app-error";
import { createSharedOpenFdaBudget } from "@/lib/pipeline/openfda/shared-budget";
import { getTrend } from "@/lib/pipeline/questions";
import { trendQuerySchema } from "@/lib/schemas/faers-query";
import { createOpenFdaClient } from "@/lib/sources/openfda/client";
import { createFairBudget, type RequestBudget } from "@/lib/sources/openfda/fair-budget";
import { startFakeOpenFda, type FakeOpenFda } from "@/tests/support/fake-openfda";
import { openFdaPipelineDeps } from "@/tests/support/pipeline-deps";
import { REDIS_URL, testPrefix } from "@/tests/support/redis";

let fake: FakeOpenFda;
beforeAll(async () => {
  fake = await startFakeOpenFda();
});
afterAll(async () => {
  await fake.close();
});

const query = trendQuerySchema.parse({ drug: "LETAIRIS", from: "2014-01-01", to: "2014-12-31", interval: "year" });

function pipelineWith(rateLimiter: RequestBudget, store = createMemoryStore(), freshSeconds = 3600) {
  return openFdaPipelineDeps({
    client: createOpenFdaClient({ baseUrl: fake.url, timeoutMs: 2000, maxAttempts: 1, rateLimiter }),
    cached: createCachedReader(store),
    policy: { freshSeconds, staleSeconds: 3600 },
    today: () => "2025-12-31",
  });
}

describe("the openFDA budget in the pipeline", () => {
  test("every openFDA request takes its turn for the caller of the question", async () => {
    const callers: string[] = [];
    const recording: RequestBudget = { take: async (caller) => void callers.push(caller ?? "(none)") };
    await getTrend(query, { caller: "user:u-17" }, pipelineWith(recording));
    expect(callers.length).toBeGreaterThan(0);
    expect(new Set(callers)).toEqual(new Set(["user:u-17"]));
  });

  test("a request the budget refuses gets its stale copy when there is one, else 503 with Retry-After", async () => {
    const store = createMemoryStore();
    const open = pipelineWith({ take: async () => undefined }, store, 0);
    const first = await getTrend(query, { caller: "user:a" }, open);
    expect(first.cache).toBe("MISS");

    const refuseAll: RequestBudget = createFairBudget({ perMinute: 8, maxWaitMs: 0 });
    // perMinute 8 has a burst of one token: spend it, so every later turn is over the bound.
    await refuseAll.take("someone-else");
    const stale = await getTrend(query, { caller: "user:a" }, pipelineWith(refuseAll, store, 0));
    expect(stale.cache).toBe("STALE");
    expect(stale.body.total).toBe(first.body.total);

    const noCopy = getTrend({ ...query, to: "2014-12-30" }, { caller: "user:a" }, pipelineWith(refuseAll, createMemoryStore(), 0));
    await expect(noCopy).rejects.toBeInstanceOf(AppError);
    await expect(noCopy).rejects.toMatchObject({ code: "service_unavailable", status: 503, retryAfterSeconds: expect.any(Number) });
  });
});

describe("a budget shared through Redis", () => {
  test("two instances together send no more than the shared limit; the rest are refused", async () => {
    const connection = connectRedis(REDIS_URL, 500);
    try {
      const limiter = createRateLimiter({ kind: "redis", ...connection }, { keyPrefix: testPrefix("openfda-budget").replace(/:$/, "") });
      const shared = createSharedOpenFdaBudget(10, limiter);
      expect(shared).toBeDefined();
      // Each instance alone would allow a burst of 30; together they may send 10 this minute.
      const instances = [0, 1].map(() => createFairBudget({ perMinute: 240, maxWaitMs: 1500, shared }));
      const outcomes = await Promise.all(
        instances.flatMap((budget, i) =>
          Array.from({ length: 10 }, () =>
            budget.take(`user:${i}`).then(
              () => "granted",
              (error: unknown) => (error instanceof AppError ? error.code : String(error)),
            ),
          ),
        ),
      );
      expect(outcomes.filter((o) => o === "granted")).toHaveLength(10);
      expect(outcomes.filter((o) => o === "service_unavailable")).toHaveLength(10);
    } finally {
      connection.client.disconnect();
    }
  });
});
