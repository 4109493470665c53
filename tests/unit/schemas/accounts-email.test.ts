import { describe, expect, test } from "vitest";
import { createUserSchema, tokenRequestSchema } from "@/lib/schemas/accounts";

// Issue #9 (Low): the API and action schemas refuse lookalike and invisible characters in emails,
// with a message a person can act on (the rule itself: tests/unit/auth/email-rules.test.ts).

const LOOKALIKES = ["ceo-check@ex\u0430mple.com", "ad\u200bmin@example.com", "admin@\u202eelpmaxe.com"];
const PASSWORD = "a-long-enough-password";

describe.each([
  ["createUserSchema (API and admin.createUser action)", (email: string) => createUserSchema.safeParse({ email, password: PASSWORD, role: "viewer" })],
  ["tokenRequestSchema (token route and credentials sign-in)", (email: string) => tokenRequestSchema.safeParse({ email, password: PASSWORD })],
])("%s", (_name, parse) => {
  test.each(LOOKALIKES)("refuses %j naming the email field", (email) => {
    const result = parse(email);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["email"]);
    expect(result.error?.issues[0]?.message).toMatch(/alphabet|invisible/);
  });

  test("accepts a plain and an internationalised single-script email", () => {
    expect(parse("analyst@example.com").success).toBe(true);
    expect(parse("иван@пример.рф").success).toBe(true);
  });
});
