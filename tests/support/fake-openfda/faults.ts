// Test-controlled fault injection: the first matching rule with uses left answers the request.
import { z } from "zod";
import type { FakeResponse, FaultRule } from "./types";

export const faultRuleSchema = z.strictObject({
  match: z.string().optional(),
  times: z.number().int().nonnegative().optional(),
  status: z.number().int().min(100).max(599).optional(),
  body: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  delayMs: z.number().nonnegative().optional(),
  reset: z.boolean().optional(),
});

interface ActiveFault {
  rule: FaultRule;
  remaining: number;
}

export class FaultQueue {
  private faults: ActiveFault[] = [];

  add(rule: FaultRule): void {
    this.faults.push({ rule: { ...rule }, remaining: rule.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.faults = [];
  }

  /** Consumes one use of the first rule matching the raw URL. */
  take(rawUrl: string): FaultRule | undefined {
    const active = this.faults.find(
      (f) => f.remaining > 0 && (f.rule.match === undefined || rawUrl.includes(f.rule.match)),
    );
    if (!active) return undefined;
    active.remaining -= 1;
    return active.rule;
  }
}

/** A rule with a status or body replaces the answer; otherwise it only delays/adds headers/resets. */
export function faultResponse(rule: FaultRule): FakeResponse | undefined {
  if (rule.status === undefined && rule.body === undefined) return undefined;
  const status = rule.status ?? 200;
  return {
    status,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "X-Fake-OpenFDA": "fault (injected by a test)",
      ...rule.headers,
    },
    body: rule.body ?? JSON.stringify(defaultFaultBody(status)),
  };
}

function defaultFaultBody(status: number): { error: { code: string; message: string } } {
  if (status === 429) {
    // api.data.gov gateway body as reported in FDA/openfda#111 (2019).
    return {
      error: {
        code: "OVER_RATE_LIMIT",
        message:
          "You have exceeded your rate limit. Try again later or contact us at https://api.fda.gov:443/contact/ for assistance",
      },
    };
  }
  const code = status >= 500 ? "SERVER_ERROR" : status === 404 ? "NOT_FOUND" : "BAD_REQUEST";
  return { error: { code, message: `Injected fault (HTTP ${status})` } };
}
