import { AppError } from "@/lib/errors/app-error";
import type { OpenFdaClient } from "@/lib/sources/openfda/client";
import type { ProbeOutcome } from "@/lib/health/cached-probe";

/**
 * The cheapest openFDA question (one drug event, `limit=1`), asked through the real client so the key is
 * used (as HTTP Basic: it never appears in a URL, and not in this detail either).
 */
export async function probeOpenFda(client: Pick<OpenFdaClient, "request">): Promise<ProbeOutcome> {
  try {
    const result = await client.request("drug/event", { limit: "1" });
    return { ok: true, detail: result.kind === "ok" ? "openFDA answered a one-record query" : "openFDA answered (no matches)" };
  } catch (error) {
    // The client's AppError messages name the failure (timeout, status), never the URL or key.
    return { ok: false, detail: error instanceof AppError ? error.message : "openFDA probe failed" };
  }
}
