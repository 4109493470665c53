import { createHmac } from "node:crypto";

// Drives an Inngest function over the SDK's HTTP protocol, in-process (stack.md Appendix B): POST a
// call request, feed each StepRun op's result back as step state, repeat until a non-206 answer.

export type InngestEvent = { id?: string; name: string; data: Record<string, unknown>; ts?: number };
type Handler = (req: Request) => Promise<Response>;
type StepOp = { op: string; id: string; name?: string; data?: unknown; error?: unknown };

/** RFC 8785-style canonical JSON (sorted keys), which the SDK signs when the body is parsed JSON. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * X-Inngest-Signature as the Inngest server sends it (verified by RequestSignature in
 * inngest/components/InngestCommHandler.js): `t=<unix seconds>&s=<hex HMAC-SHA256>`, keyed with the
 * signing key minus its `signkey-<env>-` prefix, over the canonical body followed by the timestamp.
 */
export function signInngestBody(body: unknown, signingKey: string, ts = Math.round(Date.now() / 1000)): string {
  const key = signingKey.replace(/^signkey-[\w]+-/, "");
  // A GET has no body: the SDK signs the empty string as it is.
  const text = typeof body === "string" ? body : canonicalJson(body);
  const mac = createHmac("sha256", key).update(text).update(String(ts)).digest("hex");
  return `t=${ts}&s=${mac}`;
}

export function callRequestBody(event: InngestEvent, steps: Record<string, { data: unknown }>, stack: string[], attempt = 0) {
  return {
    event,
    events: [event],
    steps,
    ctx: { run_id: "run-1", attempt, disable_immediate_execution: false, use_api: false, stack: { stack, current: stack.length } },
  };
}

export function callRequest(
  url: string,
  fnId: string,
  body: unknown,
  options: { serverKind?: "dev" | "cloud"; signingKey?: string; signature?: string } = {},
): Request {
  const headers: Record<string, string> = { "content-type": "application/json", "x-inngest-server-kind": options.serverKind ?? "dev" };
  if (options.signature !== undefined) headers["x-inngest-signature"] = options.signature;
  else if (options.signingKey !== undefined) headers["x-inngest-signature"] = signInngestBody(body, options.signingKey);
  return new Request(`${url}?fnId=${encodeURIComponent(fnId)}&stepId=step`, { method: "POST", headers, body: JSON.stringify(body) });
}

/** Runs the loop to its end: the last status and body, and every StepRun op seen on the way. */
export async function driveInngestRun(
  handler: Handler,
  options: { url: string; fnId: string; event: InngestEvent; serverKind?: "dev" | "cloud"; signingKey?: string; maxCalls?: number },
): Promise<{ status: number; body: unknown; ops: StepOp[]; calls: number }> {
  const steps: Record<string, { data: unknown }> = {};
  const stack: string[] = [];
  const ops: StepOp[] = [];
  for (let calls = 1; calls <= (options.maxCalls ?? 20); calls++) {
    const body = callRequestBody(options.event, steps, stack);
    const res = await handler(callRequest(options.url, options.fnId, body, options));
    const text = await res.text();
    const parsed: unknown = text === "" ? null : JSON.parse(text);
    if (res.status !== 206) return { status: res.status, body: parsed, ops, calls };
    for (const op of parsed as StepOp[]) {
      ops.push(op);
      if (op.op === "StepRun") {
        steps[op.id] = { data: op.data };
        stack.push(op.id);
      }
    }
  }
  throw new Error(`The run did not finish within ${options.maxCalls ?? 20} calls`);
}
