import { afterEach, describe, expect, test } from "vitest";
import { assertBootReady, isBootReady, markBootReady, markBootStarting } from "@/lib/boot/boot-state";
import { AppError } from "@/lib/errors/app-error";

const globalForBoot = globalThis as unknown as { cerBootPhase?: string };

afterEach(() => {
  delete globalForBoot.cerBootPhase;
});

describe("boot state", () => {
  test("a process with no boot sequence is ready", () => {
    expect(isBootReady()).toBe(true);
    expect(() => assertBootReady()).not.toThrow();
  });

  test("starting refuses with 503 service_unavailable and Retry-After 1 s; ready accepts", () => {
    markBootStarting();
    expect(isBootReady()).toBe(false);
    let thrown: unknown;
    try {
      assertBootReady();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ code: "service_unavailable", status: 503, retryAfterSeconds: 1 });
    markBootReady();
    expect(isBootReady()).toBe(true);
    expect(() => assertBootReady()).not.toThrow();
  });

  test("the state lives on globalThis, so instrumentation's and a route's module copies agree", () => {
    globalForBoot.cerBootPhase = "starting";
    expect(isBootReady()).toBe(false);
  });
});
