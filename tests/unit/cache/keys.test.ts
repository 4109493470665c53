import { describe, expect, test } from "vitest";
import { buildCacheKey } from "@/lib/cache/keys";

describe("buildCacheKey", () => {
  test("is versioned v2 (names searched in three casings) and hashes the query, not its key order", () => {
    const key = buildCacheKey("trend", { device: "Bone Cement", from: "2017-01-01" });
    expect(key).toMatch(/^cer:v2:trend:[0-9a-f]{32}$/);
    expect(buildCacheKey("trend", { from: "2017-01-01", device: "Bone Cement" })).toBe(key);
    expect(buildCacheKey("trend", { device: "BONE CEMENT", from: "2017-01-01" })).not.toBe(key);
  });
});
