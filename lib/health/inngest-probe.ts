import type { ServerEnv } from "@/lib/env";
import type { ProbeOutcome } from "@/lib/health/cached-probe";

/** Where the Inngest SDK sends events when it talks to a server we can reach: self-hosted, or the dev server. */
export function inngestServerUrl(env: Pick<ServerEnv, "INNGEST_BASE_URL" | "INNGEST_DEV">): string | null {
  if (env.INNGEST_BASE_URL !== undefined) return env.INNGEST_BASE_URL;
  if (env.INNGEST_DEV === undefined) return null;
  // INNGEST_DEV is "1" (the dev server's default URL) or the dev server's URL itself.
  return /^https?:\/\//.test(env.INNGEST_DEV) ? env.INNGEST_DEV : "http://localhost:8288";
}

/**
 * A GET of the server's /health: any HTTP answer below 500 counts as reachable (the point is that the
 * server is up and answering, not what that path returns on a given Inngest version).
 */
export async function probeInngestServer(baseUrl: string, timeoutMs: number, doFetch: typeof fetch = fetch): Promise<ProbeOutcome> {
  try {
    const response = await doFetch(`${baseUrl.replace(/\/+$/, "")}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.status < 500
      ? { ok: true, detail: `Inngest server answered (${response.status})` }
      : { ok: false, detail: `Inngest server answered ${response.status}` };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    return { ok: false, detail: timedOut ? `Inngest server did not answer within ${timeoutMs} ms` : "Inngest server unreachable" };
  }
}
