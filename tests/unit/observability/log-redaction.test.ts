import { expect, test } from "vitest";
import { REDACTED, scrubForLog, scrubText } from "@/lib/observability/log-redaction";

test("sensitive keys are censored at any depth; harmless ones are kept", () => {
  const input = {
    route: "GET /api/x",
    runKey: "generate-report:rep_1",
    headers: { authorization: "Bearer abc", Cookie: "s=1", "x-api-key": "k1", accept: "json" },
    body: { user: { password: "hunter2", email: "a@b.example", profile: { apiKey: "k2", secretValue: "s", key: "k3" } } },
    list: [{ token: "t1" }, { accessToken: "t2" }],
  };
  expect(scrubForLog(input)).toEqual({
    route: "GET /api/x",
    runKey: "generate-report:rep_1",
    headers: { authorization: REDACTED, Cookie: REDACTED, "x-api-key": REDACTED, accept: "json" },
    body: { user: { password: REDACTED, email: REDACTED, profile: { apiKey: REDACTED, secretValue: REDACTED, key: REDACTED } } },
    list: [{ token: REDACTED }, { accessToken: REDACTED }],
  });
  // The input itself is left as it was.
  expect(input.headers.authorization).toBe("Bearer abc");
});

test("strings that carry an email or a credential are censored wherever they are", () => {
  expect(scrubText("no user jane.doe+x@example.co.uk here")).toBe(`no user ${REDACTED} here`);
  expect(scrubText("Created admin@localhost")).toBe(`Created ${REDACTED}`);
  expect(scrubText("needs @react-pdf/renderer@4.9.0")).toBe("needs @react-pdf/renderer@4.9.0");
  expect(scrubText("header was Bearer eyJabc.def-ghi")).toBe(`header was Bearer ${REDACTED}`);
  expect(scrubText("Basic dXNlcjpwYXNz")).toBe(`Basic ${REDACTED}`);
  expect(scrubText("token cer_pat_AbC-123_x leaked")).toBe(`token ${REDACTED} leaked`);
  expect(scrubText("jwt eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl end")).toBe(`jwt ${REDACTED} end`);
  expect(scrubText("https://api.fda.gov/drug/event.json?api_key=SECRET&limit=1")).toBe(`https://api.fda.gov/drug/event.json?api_key=${REDACTED}&limit=1`);
  expect(scrubText("patient.drug.openfda.brand_name:\"ASPIRIN\"")).toBe("patient.drug.openfda.brand_name:\"ASPIRIN\"");
  const error = new Error("login failed for bob@example.org");
  expect(scrubForLog({ failure: error })).toEqual({ failure: { type: "Error", message: `login failed for ${REDACTED}`, stack: expect.not.stringContaining("bob@") } });
});

test("cycles and very deep objects do not hang the logger", () => {
  const a: Record<string, unknown> = { name: "a" };
  a.self = a;
  expect(scrubForLog(a)).toEqual({ name: "a", self: "[circular]" });
  let deep: Record<string, unknown> = { leaf: true };
  for (let i = 0; i < 20; i++) deep = { next: deep };
  expect(JSON.stringify(scrubForLog(deep))).toContain("[too deep]");
});
