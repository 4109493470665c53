import { describe, expect, test } from "vitest";
import { auditListResponseSchema, auditQuerySchema } from "@/lib/schemas/audit";

describe("audit query schema (strings from the URL)", () => {
  test("no parameters: limit 50", () => {
    expect(auditQuerySchema.parse({})).toEqual({ limit: 50 });
  });

  test("accepts every filter and coerces limit", () => {
    const query = auditQuerySchema.parse({
      action: "user.role_changed",
      outcome: "denied",
      actorUserId: "u_1",
      actorEmail: " Ada@Example.ORG ",
      targetId: "t1",
      since: "2026-05-01T00:00:00Z",
      until: "2026-05-02T00:00:00.000+02:00",
      cursor: "YTE6MTA",
      limit: "200",
    });
    expect(query).toMatchObject({ limit: 200, actorEmail: "ada@example.org", action: "user.role_changed" });
  });

  test.each([
    ["an unknown key", { actor: "u1" }, "actor"],
    ["a misspelt filter", { acton: "auth.sign_in" }, "acton"],
    ["an unknown action", { action: "auth.delete_everything" }, "action"],
    ["an unknown outcome", { outcome: "maybe" }, "outcome"],
    ["a date without a time", { since: "2026-05-01" }, "since"],
    ["a non-date", { until: "tomorrow" }, "until"],
    ["an impossible date", { since: "2026-02-30T00:00:00Z" }, "since"],
    ["since after until", { since: "2026-05-02T00:00:00Z", until: "2026-05-01T00:00:00Z" }, "since"],
    ["limit 0", { limit: "0" }, "limit"],
    ["limit 201", { limit: "201" }, "limit"],
    ["a fractional limit", { limit: "2.5" }, "limit"],
    ["a non-numeric limit", { limit: "lots" }, "limit"],
    ["an empty limit", { limit: "" }, "limit"],
    ["a cursor with other characters", { cursor: "../../etc" }, "cursor"],
  ])("rejects %s", (_label, input, path) => {
    const result = auditQuerySchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join(".") || (i.code === "unrecognized_keys" ? i.keys.join(",") : ""))).toContain(path);
  });
});

describe("audit list response schema", () => {
  const entry = {
    id: "00mp3x8c1s-0123456789abcdef",
    at: "2026-05-01T00:00:00.000Z",
    action: "report.downloaded",
    outcome: "success",
    actor: { userId: "u1", via: "api-token" },
    target: { type: "report", id: "r1" },
    source: { ip: "unknown" },
  };

  test("accepts a stored entry and a null cursor", () => {
    expect(auditListResponseSchema.safeParse({ entries: [entry], nextCursor: null }).success).toBe(true);
  });

  test.each([
    ["an extra field", { ...entry, password: "x" }],
    ["a malformed id", { ...entry, id: "1" }],
    ["a 201-character user agent", { ...entry, source: { userAgent: "a".repeat(201) } }],
  ])("rejects %s", (_label, bad) => {
    expect(auditListResponseSchema.safeParse({ entries: [bad], nextCursor: null }).success).toBe(false);
  });
});
