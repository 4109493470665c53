import { expect, test } from "vitest";
import { ApiError } from "@/lib/api/api-error";
import { toErrorResponse } from "@/lib/api/respond";

// Next bundles instrumentation and each route separately, so an object made at boot and kept on
// globalThis throws ApiErrors of another copy of the class. Simulate that copy by its brand alone.
function foreignApiError(): Error {
  const error = new Error("The account store is unavailable right now; try again in a moment.");
  return Object.assign(error, {
    [Symbol.for("cer-analytics.ApiError")]: true,
    code: "service_unavailable",
    details: undefined,
    headers: { "retry-after": "5" },
  });
}

test("an ApiError from another copy of the class is still an ApiError", () => {
  expect(foreignApiError() instanceof ApiError).toBe(true);
  expect(new ApiError({ code: "not_found", message: "x" }) instanceof ApiError).toBe(true);
  expect(new Error("plain") instanceof ApiError).toBe(false);
  expect((null as unknown) instanceof ApiError).toBe(false);
});

test("toErrorResponse maps it to its own status, not a 500", async () => {
  const response = toErrorResponse(foreignApiError());
  expect(response.status).toBe(503);
  expect(response.headers.get("retry-after")).toBe("5");
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe("service_unavailable");
  expect(toErrorResponse(new Error("boom")).status).toBe(500);
});
