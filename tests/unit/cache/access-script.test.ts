import { describe, expect, test } from "vitest";
import { accessCheckKeysAndArgs, decodeAccessReply, type AccessCheckInput } from "@/lib/cache/access-script";

// The script's inputs and its reply, without Redis (tests/integration/access-check.test.ts runs it).

const WINDOW_MS = 60_000;
const input = (over: Partial<AccessCheckInput> = {}): AccessCheckInput => ({
  userKey: "cer:v1:state:user:u1",
  userId: "u1",
  roles: ["viewer", "analyst", "admin"],
  limit: 120,
  windowMs: WINDOW_MS,
  windowKey: "cer:v1:ratelimit:api:abc",
  now: 1_764_000_030_000,
  ...over,
});

describe("accessCheckKeysAndArgs", () => {
  test("the window keys are @upstash/ratelimit's: <prefix>:<identifier>:<window index>, current then previous", () => {
    const now = 1_764_000_030_000;
    const index = Math.floor(now / WINDOW_MS); // 29_400_000
    const { keys, args } = accessCheckKeysAndArgs(input({ now }));
    expect(keys).toEqual(["cer:v1:state:user:u1", `cer:v1:ratelimit:api:abc:${index}`, `cer:v1:ratelimit:api:abc:${index - 1}`]);
    expect(args).toEqual(["u1", "", ",viewer,analyst,admin,", "120", String(now), "60000"]);
  });

  test("a personal token adds its record key last; an API token passes its auth version", () => {
    expect(accessCheckKeysAndArgs(input({ tokenKey: "cer:v1:state:pat:ff" })).keys[3]).toBe("cer:v1:state:pat:ff");
    expect(accessCheckKeysAndArgs(input({ authVersion: 4 })).args[1]).toBe("4");
  });
});

describe("decodeAccessReply", () => {
  const resetAt = (Math.floor(input().now / WINDOW_MS) + 1) * WINDOW_MS;

  test("maps the outcome codes and reports reset as the window's end; remaining never below 0", () => {
    expect(decodeAccessReply(["{}", null, 1, 7, 120], input())).toEqual({ user: "{}", token: null, outcome: "counted", remaining: 7, limit: 120, resetAt });
    expect(decodeAccessReply(["{}", "{}", 0, -1, 120], input())).toMatchObject({ outcome: "over-limit", remaining: 0 });
    expect(decodeAccessReply([null, null, -1, 0, 120], input())).toMatchObject({ user: null, outcome: "not-counted" });
    // Upstash's REST answer may carry the integers as they came; numeric strings decode the same.
    expect(decodeAccessReply(["{}", null, "1", "3", "120"], input())).toMatchObject({ outcome: "counted", remaining: 3, limit: 120 });
  });

  test("any other shape is a store failure, never a decision", () => {
    for (const reply of [null, "Aborted", [], ["{}", null, 1, 7], ["{}", null, 2, 7, 120], [1, null, 1, 7, 120], ["{}", null, 1, "x", 120]]) {
      expect(() => decodeAccessReply(reply, input())).toThrow(/unexpected reply/);
    }
  });
});
