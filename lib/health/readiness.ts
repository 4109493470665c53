import "server-only";
import { isBootReady } from "@/lib/boot/boot-state";
import { getCacheStore } from "@/lib/cache/get-cache-store";
import { getEnv } from "@/lib/env";
import { createCachedProbe, type ProbeOutcome, type ProbeResult } from "@/lib/health/cached-probe";
import { inngestServerUrl, probeInngestServer } from "@/lib/health/inngest-probe";
import { probeOpenFda } from "@/lib/health/openfda-probe";
import { getJobProvider } from "@/lib/jobs/get-job-provider";
import type { LocalJobProvider } from "@/lib/jobs/local-provider";
import { createOpenFdaClientFromEnv, getDataSourceKind } from "@/lib/pipeline/deps";
import type { ReadinessCheck, ReadyResponse } from "@/lib/schemas/operations";
import { APP_VERSION } from "@/lib/version";

// GET /api/ready's checks. Required: start-up done, the store answers, the job provider can run jobs.
// Reported only: openFDA (cached, one probe in flight), so an upstream outage does not take every
// instance out of rotation while the cache and imported files still answer.

/** A store that does not answer within this is unreachable for readiness (a load balancer's probe waits less). */
const STORE_PING_TIMEOUT_MS = 2000;
/** Probes of remote services give up after this, whatever OPENFDA_TIMEOUT_MS says. */
const PROBE_TIMEOUT_MS = 5000;

type Probes = { openfda?: () => Promise<ProbeResult>; inngest?: () => Promise<ProbeResult> };
// Route bundles each evaluate this module: the probes (and their cached answers) live on globalThis.
const globalForReadiness = globalThis as unknown as { cerReadinessProbes?: Probes };
const probes = (): Probes => (globalForReadiness.cerReadinessProbes ??= {});

/** A check measured now (not cached). */
async function measured(required: boolean, check: () => Promise<ProbeOutcome>): Promise<ReadinessCheck> {
  const started = performance.now();
  const checkedAt = new Date().toISOString();
  const outcome = await check();
  return { ...outcome, required, checkedAt, ms: Math.round((performance.now() - started) * 10) / 10 };
}

function withTimeout<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function checkStartup(): Promise<ReadinessCheck> {
  return measured(true, async () =>
    isBootReady() ? { ok: true, detail: "boot finished" } : { ok: false, detail: "still starting (env checked; waiting for the store to create or find the first admin)" },
  );
}

function checkStore(): Promise<ReadinessCheck> {
  const store = getCacheStore();
  return measured(true, async () =>
    (await withTimeout(store.ping(), STORE_PING_TIMEOUT_MS, false))
      ? { ok: true, detail: `${store.kind} store answered PING` }
      : { ok: false, detail: `${store.kind} store did not answer PING within ${STORE_PING_TIMEOUT_MS} ms` },
  );
}

async function checkJobs(): Promise<ReadinessCheck> {
  const env = getEnv();
  const provider = getJobProvider();
  if (provider.kind === "local") {
    return measured(true, async () =>
      (provider as LocalJobProvider).isRunning()
        ? { ok: true, detail: "local job loop running" }
        : { ok: false, detail: "local job loop not running (start-up not done, or stopping)" },
    );
  }
  const server = inngestServerUrl(env);
  if (server === null) {
    // Inngest Cloud: lib/env.ts already refused a start without both keys; there is no cheap authenticated probe.
    return measured(true, async () => ({ ok: true, detail: "Inngest Cloud configured (event and signing keys set); not probed" }));
  }
  const probe = (probes().inngest ??= createCachedProbe({
    ttlMs: env.READY_OPENFDA_CHECK_SECONDS * 1000,
    probe: () => probeInngestServer(server, PROBE_TIMEOUT_MS),
    failureDetail: "Inngest server probe failed",
  }));
  return { ...(await probe()), required: true };
}

async function checkOpenFda(): Promise<ReadinessCheck> {
  if (getDataSourceKind() === "faers-files") {
    return measured(false, async () => ({ ok: true, detail: "not used (the source is FAERS files)" }));
  }
  // The probe takes a turn of the shared openFDA budget in the store: during boot the store may not be
  // connected yet, and a failed turn would make the rate limiters skip the store (503s) for a while.
  if (!isBootReady()) return measured(false, async () => ({ ok: false, detail: "not checked until start-up is done" }));
  const env = getEnv();
  let probe = probes().openfda;
  if (probe === undefined) {
    // One attempt with a short timeout: a probe reports, it does not retry its way past a load balancer's patience.
    const client = createOpenFdaClientFromEnv({ maxAttempts: 1, timeoutMs: Math.min(env.OPENFDA_TIMEOUT_MS, PROBE_TIMEOUT_MS) });
    probe = probes().openfda = createCachedProbe({
      ttlMs: env.READY_OPENFDA_CHECK_SECONDS * 1000,
      probe: () => probeOpenFda(client),
      failureDetail: "openFDA probe failed",
    });
  }
  return { ...(await probe()), required: false };
}

/** Every check, in parallel; "ready" when each required one passes. */
export async function getReadiness(): Promise<ReadyResponse> {
  const [startup, store, jobs, openfda] = await Promise.all([checkStartup(), checkStore(), checkJobs(), checkOpenFda()]);
  const checks = { startup, store, jobs, openfda };
  const ready = Object.values(checks).every((check) => check.ok || !check.required);
  return { status: ready ? "ready" : "not_ready", checks, version: APP_VERSION };
}

/** For tests: forget the cached probes (a changed env takes effect). */
export function resetReadinessProbesForTests(): void {
  delete globalForReadiness.cerReadinessProbes;
}
