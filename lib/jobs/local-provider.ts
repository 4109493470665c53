import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { StateStore } from "@/lib/cache/state-store";
import { AppError } from "@/lib/errors/app-error";
import { backoffDelayMs } from "@/lib/jobs/backoff";
import { assertCron, latestDueSlot, slotGapMs, type CronRunData } from "@/lib/jobs/cron";
import { isFinishedRun, localJobKeys, parseRunRecord, updateRunRecord, type RunRecord } from "@/lib/jobs/local-run-record";
import { createStepRunner } from "@/lib/jobs/run-step";
import { recordQueueWait, recordRunFinished, runTelemetry, withRunContext } from "@/lib/jobs/step-telemetry";
import type { TaskStore } from "@/lib/jobs/task-store";
import type { JobDefinition, JobProvider, StepResult } from "@/lib/jobs/types";
import { hashForLog } from "@/lib/observability/log-hash";
import { logger } from "@/lib/observability/logger";
import { traceparentOf } from "@/lib/observability/trace-context";

// The in-process provider: runs live in the state store (one record each, finished steps included), so
// a restarted process replays a run and re-runs only its unfinished step. A lease per run makes exactly
// one instance drive it, however many processes share the store.
// Cron: every instance ticks (cronTickMs) and computes each cron definition's latest due slot (UTC);
// one instance claims the slot (a set-if-absent key per definition and slot, with a TTL) and enqueues
// a run whose data and idempotency key are the slot, so it runs through the same durable machinery.
// Only the latest slot is ever due: slots missed while every instance was down collapse into one run
// at the next start.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- definitions differ in their event schema
type AnyJobDefinition = JobDefinition<any>;

export type LocalJobProviderOptions = {
  store: StateStore;
  tasks: TaskStore;
  definitions: AnyJobDefinition[];
  /** Names this process in lease tokens (logs); random by default. */
  instanceId?: string;
  /** A runner that stops renewing (a dead process) loses its runs after this long. */
  leaseMs?: number;
  pollMs?: number;
  /** Clock for retry times (epoch ms). */
  now?: () => number;
  /** "cer:" in the app; tests give each file its own. */
  keyPrefix?: string;
  /** How often each instance looks for a due cron slot (timer unref'd). */
  cronTickMs?: number;
};

export type LocalJobProvider = JobProvider & {
  /** Polls every pollMs (timer unref'd); the first poll also resumes runs a dead process left behind. */
  start(): void;
  /** Stops polling and waits for the current run to reach its next step boundary. */
  stop(): Promise<void>;
  /** Whether the poll loop runs (started and not stopped): what /api/ready checks. */
  isRunning(): boolean;
  /** Claims one runnable run and drives it until done, failed, cancelled or waiting for a retry; true if it ran one. */
  runOnce(): Promise<boolean>;
  /** Claims and enqueues each cron definition's latest due slot not yet claimed; the slots this instance enqueued. */
  cronTick(): Promise<{ definitionId: string; slot: string }[]>;
};

/** A cron slot claimed this long ago with no run yet: its claimer died before enqueueing it. */
const CRON_CLAIM_GRACE_MS = 60_000;

/** Why a runner stops without finishing; none of these is the job's failure. */
class RunInterrupted extends Error {
  constructor(readonly reason: "lease-lost" | "cancelled" | "stopping") {
    super(reason);
  }
}

type Claim = { runKey: string; definition: AnyJobDefinition; token: string; concurrencyKey: string | null; raw: string; record: RunRecord };

/** A message a person can act on: AppErrors already are one; anything else names the step it broke. */
export function failureMessage(error: unknown, step: string | null, jobId: string): string {
  if (error instanceof AppError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return step ? `The ${step} step failed: ${message}` : `The ${jobId} job failed: ${message}`;
}

function ownerOf(data: unknown): string {
  const owner = typeof data === "object" && data !== null ? (data as { owner?: unknown }).owner : undefined;
  return typeof owner === "string" ? owner : "unknown";
}

function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

export function createLocalJobProvider(options: LocalJobProviderOptions): LocalJobProvider {
  const { store, tasks } = options;
  const leaseMs = options.leaseMs ?? 15_000;
  const pollMs = options.pollMs ?? 250;
  const now = options.now ?? Date.now;
  const instanceId = options.instanceId ?? randomUUID();
  const keys = localJobKeys(options.keyPrefix ?? "cer:");
  const cronTickMs = options.cronTickMs ?? 20_000;
  const definitions = new Map(options.definitions.map((d) => [d.id, d]));
  const cronDefinitions = options.definitions.filter((d) => "cron" in d.trigger);
  /** The last slot seen claimed per definition: nothing to ask the store until the next slot comes. */
  const seenSlots = new Map<string, string>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let cronTimer: ReturnType<typeof setInterval> | undefined;
  let ticking: Promise<unknown> | undefined;
  let current: Promise<void> | undefined;
  let stopping = false;

  const runKeyOf = (definition: AnyJobDefinition, data: unknown) => `${definition.id}:${definition.idempotencyKey(data)}`;

  /** A finished run's task must say so too (a crash may have come between the two writes). */
  async function settleTask(record: RunRecord): Promise<void> {
    if (record.status === "done") await tasks.update(record.taskId, { status: "succeeded", progress: 100 });
    else if (record.status === "failed") await tasks.update(record.taskId, { status: "failed", error: record.error });
    else if (record.status === "cancelled") await tasks.update(record.taskId, { status: "cancelled" });
  }

  async function liveSlotHolders(concurrencyKey: string, except: string): Promise<number> {
    let live = 0;
    for (const member of await store.setMembers(concurrencyKey)) {
      if (member === except) continue;
      // A holder without a lease died or ended without cleaning up: its slot is free again.
      if ((await store.get(keys.lease(member))) === null) await store.removeFromSet(concurrencyKey, member);
      else live++;
    }
    return live;
  }

  /** Takes a concurrency slot; checked again after joining, so two claimers at once cannot both exceed the limit. */
  async function takeSlot(concurrencyKey: string, runKey: string, limit: number): Promise<boolean> {
    if ((await liveSlotHolders(concurrencyKey, runKey)) >= limit) return false;
    await store.addToSet(concurrencyKey, runKey);
    if ((await liveSlotHolders(concurrencyKey, runKey)) < limit) return true;
    await store.removeFromSet(concurrencyKey, runKey);
    return false;
  }

  async function leave(runKey: string, token: string, concurrencyKey: string | null): Promise<void> {
    if (concurrencyKey) await store.removeFromSet(concurrencyKey, runKey);
    await store.compareAndDelete(keys.lease(runKey), token);
  }

  async function tryClaim(runKey: string): Promise<Claim | null> {
    const raw = await store.get(keys.run(runKey));
    if (raw === null) {
      await store.removeFromSet(keys.pending, runKey);
      return null;
    }
    const seen = parseRunRecord(raw);
    if (isFinishedRun(seen.status)) {
      await settleTask(seen);
      await store.removeFromSet(keys.pending, runKey);
      return null;
    }
    const definition = definitions.get(seen.definitionId);
    if (!definition || (seen.status === "pending" && seen.nextAttemptAt > now())) return null;

    const token = `${instanceId}:${randomUUID()}`;
    if (!(await store.acquireLease(keys.lease(runKey), token, leaseMs))) return null;
    const parsed = definition.event.safeParse(seen.data);
    const concurrencyKey = definition.concurrency && parsed.success ? keys.concurrency(definition.id, definition.concurrency.key(parsed.data)) : null;
    if (concurrencyKey && definition.concurrency && !(await takeSlot(concurrencyKey, runKey, definition.concurrency.limit))) {
      await leave(runKey, token, null);
      return null;
    }
    const claimed = await updateRunRecord(store, keys.run(runKey), (record) =>
      isFinishedRun(record.status) || (record.status === "pending" && record.nextAttemptAt > now()) ? null : { ...record, status: "running", owner: token },
    );
    if (!claimed?.changed) {
      await leave(runKey, token, concurrencyKey);
      return null;
    }
    return { runKey, definition, token, concurrencyKey, raw: claimed.raw, record: claimed.record };
  }

  /** Drives a claimed run; every record write is a compareAndSet from the text this runner last saw. */
  async function drive(claim: Claim): Promise<void> {
    const { runKey, definition, token } = claim;
    const recordKey = keys.run(runKey);
    let raw = claim.raw;
    let record = claim.record;
    let leaseLost = false;
    let currentStep: string | null = null;
    const renewal = setInterval(() => {
      store.renewLease(keys.lease(runKey), token, leaseMs).then(
        (held) => (leaseLost ||= !held),
        () => (leaseLost = true),
      );
    }, Math.max(1, Math.floor(leaseMs / 3)));
    renewal.unref();

    // Another writer (a cancel) may have changed the record: adopt its text, unless the run is no longer ours.
    async function reread(): Promise<void> {
      const fresh = await store.get(recordKey);
      if (fresh === null) throw new RunInterrupted("lease-lost");
      if (fresh !== raw) {
        raw = fresh;
        record = parseRunRecord(fresh);
      }
      if (record.owner !== token) throw new RunInterrupted("lease-lost");
    }

    async function write(change: (record: RunRecord) => RunRecord): Promise<void> {
      for (;;) {
        if (leaseLost) throw new RunInterrupted("lease-lost");
        const next = change(record);
        const nextRaw = JSON.stringify(next);
        if (await store.compareAndSet(recordKey, raw, nextRaw)) {
          raw = nextRaw;
          record = next;
          return;
        }
        await reread();
      }
    }

    const telemetry = runTelemetry(definition, record.taskId, record.data);
    const finish = async (change: (record: RunRecord) => RunRecord) => {
      await write(change);
      await store.removeFromSet(keys.pending, runKey);
      await settleTask(record);
      if (record.status === "done") recordRunFinished(telemetry, "succeeded");
      else if (record.status === "failed" || record.status === "cancelled") recordRunFinished(telemetry, record.status);
    };

    try {
      const parsed = definition.event.safeParse(record.data);
      if (!parsed.success) {
        const error = `The ${definition.id} job's data is no longer valid: ${parsed.error.message}`;
        await finish((r) => ({ ...r, status: "failed", owner: null, error }));
        return;
      }
      const data: unknown = parsed.data;
      const step = createStepRunner({
        tasks,
        taskId: record.taskId,
        attempt: () => record.attempt,
        memo: {
          get: async (stepId) => (Object.hasOwn(record.steps, stepId) ? { found: true, result: record.steps[stepId] as StepResult } : { found: false }),
          put: (stepId, result) => write((r) => ({ ...r, steps: { ...r.steps, [stepId]: result }, attempt: 1 })),
        },
        beforeStep: async () => {
          if (leaseLost) throw new RunInterrupted("lease-lost");
          if (stopping) throw new RunInterrupted("stopping");
          await reread();
          if (record.cancelRequested) throw new RunInterrupted("cancelled");
        },
        onStepStart: (stepId) => {
          currentStep = stepId;
          // The run's first step on its first try: the wait since the enqueue ends here.
          if (Object.keys(record.steps).length === 0 && record.attempt === 1 && record.enqueuedAt !== undefined) {
            recordQueueWait(definition.id, record.enqueuedAt, now());
          }
        },
        telemetry,
        trace: { jobId: definition.id, traceparent: traceparentOf(data) },
      });
      try {
        // attempt is read live: it is the current step's try, and steps after a retried one start at 1 again.
        // Every line the run writes carries the id of the request that started it (if any).
        const result = await withRunContext(data, () => definition.run({ data, taskId: record.taskId, get attempt() { return record.attempt; }, step }));
        await finish((r) => ({ ...r, status: "done", owner: null, result }));
      } catch (error) {
        if (error instanceof RunInterrupted) throw error;
        await failAttempt(error, data);
      }
    } catch (error) {
      if (!(error instanceof RunInterrupted)) throw error;
      if (error.reason === "cancelled") await finish((r) => ({ ...r, status: "cancelled", owner: null }));
      else if (error.reason === "stopping") await write((r) => ({ ...r, status: "pending", owner: null })).catch(() => undefined);
      // lease-lost: another runner owns the run now; write nothing.
    } finally {
      clearInterval(renewal);
      await leave(runKey, token, claim.concurrencyKey).catch(() => undefined);
    }

    async function failAttempt(error: unknown, data: unknown): Promise<void> {
      const attempt = record.attempt;
      const message = failureMessage(error, currentStep, definition.id);
      if (attempt <= definition.retries) {
        const nextAttemptAt = now() + backoffDelayMs(definition.backoff, attempt);
        await write((r) => ({ ...r, status: "pending", owner: null, attempt: attempt + 1, nextAttemptAt, error: message }));
        await tasks.update(record.taskId, { attempts: attempt });
        logger.warn("jobs.step_retry", { ...telemetry.subject, job: definition.id, runKey, step: currentStep, attempt, error: message });
        return;
      }
      // The task already shows this try's attempts (set when the step started); finish makes it failed.
      await finish((r) => ({ ...r, status: "failed", owner: null, error: message }));
      logger.error("jobs.run_failed", { ...telemetry.subject, job: definition.id, runKey, step: currentStep, attempts: attempt, error: message });
      // At most once: only the runner whose write made the run failed gets here.
      try {
        await definition.onFailure?.(data, message);
      } catch (failure) {
        logger.error("jobs.on_failure_failed", { job: definition.id, runKey, error: failure instanceof Error ? failure.message : String(failure) });
      }
    }
  }

  async function runOnce(): Promise<boolean> {
    for (const runKey of shuffled(await store.setMembers(keys.pending))) {
      const claim = await tryClaim(runKey);
      if (!claim) continue;
      await drive(claim);
      return true;
    }
    return false;
  }

  /** The claim key's life: past the next slot (twice the period), so a slot is never claimed twice. */
  function claimTtlSeconds(cron: string, slot: Date): number {
    const gap = slotGapMs(cron, slot) ?? 86_400_000;
    return Math.min(400 * 86_400, Math.max(3600, Math.ceil((2 * gap) / 1000)));
  }

  async function cronTick(): Promise<{ definitionId: string; slot: string }[]> {
    const enqueued: { definitionId: string; slot: string }[] = [];
    for (const definition of cronDefinitions) {
      if (!("cron" in definition.trigger)) continue;
      const { cron } = definition.trigger;
      const due = latestDueSlot(cron, new Date(now()));
      if (due === null) continue;
      const slot = due.toISOString();
      if (seenSlots.get(definition.id) === slot) continue;
      const data: CronRunData = { slot };
      const claimKey = keys.cronClaim(definition.id, slot);
      const claimed = await store.set(claimKey, String(now()), { onlyIfAbsent: true, ttlSeconds: claimTtlSeconds(cron, due) });
      if (!claimed && (await store.get(keys.run(runKeyOf(definition, data)))) === null) {
        // Claimed, but no run yet: the claimer is enqueueing, or died between the two writes. Past a
        // grace period this instance enqueues it (enqueue is absent-only per slot: still one run).
        const claimedAt = Number(await store.get(claimKey));
        if (!(now() - claimedAt > CRON_CLAIM_GRACE_MS)) continue;
      } else if (!claimed) {
        seenSlots.set(definition.id, slot);
        continue;
      }
      await enqueue(definition, data);
      enqueued.push({ definitionId: definition.id, slot });
      seenSlots.set(definition.id, slot);
      logger.info("jobs.cron_slot_enqueued", { job: definition.id, slot, instance: hashForLog(instanceId) });
    }
    return enqueued;
  }

  function tick(): void {
    if (ticking || stopping) return;
    ticking = cronTick()
      .then((enqueued) => {
        if (enqueued.length > 0) poll();
      })
      .catch((error: unknown) => logger.error("jobs.cron_tick_failed", { instanceId, error: error instanceof Error ? error.message : String(error) }))
      .finally(() => (ticking = undefined));
  }

  async function enqueue<S extends z.ZodType>(definition: JobDefinition<S>, input: z.output<S>): Promise<void> {
    const data = definition.event.parse(input);
    if (!definitions.has(definition.id)) definitions.set(definition.id, definition);
    const runKey = runKeyOf(definition, data);
    const taskId = definition.taskId(data);
    if (!(await tasks.get(taskId))) await tasks.create({ id: taskId, job: definition.id, owner: "cron" in definition.trigger ? "system" : ownerOf(data) });
    const record: RunRecord = {
      definitionId: definition.id, data, taskId, status: "pending", steps: {}, attempt: 1, nextAttemptAt: 0, cancelRequested: false, owner: null,
      enqueuedAt: now(),
    };
    // Absent-only: a repeat with the same key finds the run and starts nothing new.
    await store.compareAndSet(keys.run(runKey), null, JSON.stringify(record));
    await store.addToSet(keys.pending, runKey);
  }

  function poll(): void {
    if (current) return;
    current = (async () => {
      while (!stopping && (await runOnce()));
    })()
      .catch((error: unknown) => logger.error("jobs.poll_failed", { instanceId, error: error instanceof Error ? error.message : String(error) }))
      .finally(() => (current = undefined));
  }

  return {
    kind: "local",
    enqueue,
    async cancel<S extends z.ZodType>(definition: JobDefinition<S>, input: z.output<S>) {
      const data = definition.event.parse(input);
      const runKey = runKeyOf(definition, data);
      // A pending run has no runner to notice the flag: it is cancelled here, at once.
      const updated = await updateRunRecord(store, keys.run(runKey), (record) =>
        isFinishedRun(record.status) ? null : { ...record, cancelRequested: true, ...(record.status === "pending" ? { status: "cancelled" as const } : {}) },
      );
      if (!updated) await tasks.update(definition.taskId(data), { status: "cancelled" });
      else if (updated.changed && updated.record.status === "cancelled") {
        await store.removeFromSet(keys.pending, runKey);
        await settleTask(updated.record);
      }
    },
    runOnce,
    cronTick,
    isRunning: () => timer !== undefined && !stopping,
    start() {
      if (timer) return;
      // A bad expression (say, WATCHLIST_SCAN_CRON) stops the start with its name, not every tick.
      for (const definition of cronDefinitions) if ("cron" in definition.trigger) assertCron(definition.trigger.cron);
      stopping = false;
      timer = setInterval(poll, pollMs);
      timer.unref();
      poll();
      if (cronDefinitions.length > 0) {
        cronTimer = setInterval(tick, cronTickMs);
        cronTimer.unref();
        // At once: the latest slot missed while every instance was down runs now (once, whoever claims it).
        tick();
      }
    },
    async stop() {
      clearInterval(timer);
      clearInterval(cronTimer);
      timer = undefined;
      cronTimer = undefined;
      stopping = true;
      await ticking;
      await current;
    },
  };
}
