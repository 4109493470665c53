import { describe, expect, test } from "vitest";
import { createCachedReader } from "@/lib/cache/cached";
import { createMemoryStore } from "@/lib/cache/memory-store";
import { toAnswer } from "@/lib/pipeline/answer";

describe("toAnswer", () => {
  test("puts the cache status into provenance without changing anything else", async () => {
    const cached = createCachedReader(createMemoryStore());
    const value = { total: 3, series: [{ period: "2024-01", count: 3 }], provenance: { source: "x", queries: ["u?a=\"}}\""] } };
    const miss = toAnswer<typeof value & { provenance: { cache: string } }>(await cached("k", { freshSeconds: 60, staleSeconds: 0 }, async () => value));
    expect(miss.cache).toBe("MISS");
    expect(miss.body).toEqual({ ...value, provenance: { ...value.provenance, cache: "MISS" } });
    const hit = toAnswer<typeof value & { provenance: { cache: string } }>(await cached("k", { freshSeconds: 60, staleSeconds: 0 }, async () => value));
    expect(JSON.parse(hit.json)).toEqual({ ...value, provenance: { ...value.provenance, cache: "HIT" } });
  });

  test("refuses a value whose last field is not an object", async () => {
    const cached = createCachedReader(createMemoryStore());
    await expect(async () => toAnswer(await cached("k2", { freshSeconds: 60, staleSeconds: 0 }, async () => ({ a: 1 })))).rejects.toThrow();
  });
});

describe("cache entries", () => {
  test("a corrupt stored entry is a miss, then overwritten", async () => {
    const store = createMemoryStore();
    await store.set("k", "garbage", 60);
    const cached = createCachedReader(store);
    const first = await cached("k", { freshSeconds: 60, staleSeconds: 0 }, async () => ({ n: 1 }));
    expect(first.status).toBe("MISS");
    expect((await cached("k", { freshSeconds: 60, staleSeconds: 0 }, async () => ({ n: 2 }))).value).toEqual({ n: 1 });
  });

  test("an entry stamped in the future is not trusted as fresh", async () => {
    let now = 10_000_000;
    const store = createMemoryStore();
    await createCachedReader(store, { now: () => now + 3_600_000 })("k", { freshSeconds: 60, staleSeconds: 600 }, async () => "future");
    const result = await createCachedReader(store, { now: () => now })("k", { freshSeconds: 60, staleSeconds: 600 }, async () => "present");
    expect(result).toMatchObject({ status: "MISS", value: "present" });
    now += 1;
  });
});
