import { expect, test } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { toErrorResponse } from "@/lib/api/respond";

// Next bundles instrumentation and each route separately, so an object made at boot and kept on
// globalThis throws AppErrors of another copy of the class. Simulate that copy by its brand alone.
function foreignAppError(): Error {
  const error = new Error("The account store is unavailable right now; try again in a moment.");
  return Object.assign(error, {
    [Symbol.for("cer-analytics.AppError")]: true,
    code: "service_unavailable",
    details: undefined,
    retryAfterSeconds: 5,
  });
}

test("an AppError from another copy of the class is still an AppError", () => {
  expect(foreignAppError() instanceof AppError).toBe(true);
  expect(new AppError({ code: "not_found", message: "x" }) instanceof AppError).toBe(true);
  expect(new Error("plain") instanceof AppError).toBe(false);
  expect((null as unknown) instanceof AppError).toBe(false);
});

test("toErrorResponse maps it to its own status, not a 500", async () => {
  const response = toErrorResponse(foreignAppError());
  expect(response.status).toBe(503);
  expect(response.headers.get("retry-after")).toBe("5");
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe("service_unavailable");
  expect(toErrorResponse(new Error("boom")).status).toBe(500);
});
