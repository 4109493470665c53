import { afterEach, expect, test } from "vitest";
import { createMemoryStateStore } from "@/lib/cache/memory-state-store";
import { setStateStoreForTests } from "@/lib/cache/get-state-store";
import { resetEnvForTests } from "@/lib/env";
import { getJobProvider, startLocalJobsIfEnabled } from "@/lib/jobs/get-job-provider";
import type { LocalJobProvider } from "@/lib/jobs/local-provider";

const PROVIDER_KEY = Symbol.for("cer-analytics.jobProvider");
const holder = globalThis as { [PROVIDER_KEY]?: unknown };

afterEach(async () => {
  const provider = holder[PROVIDER_KEY] as Partial<LocalJobProvider> | undefined;
  await provider?.stop?.();
  delete holder[PROVIDER_KEY];
  delete process.env.JOBS_PROVIDER;
  delete process.env.INNGEST_DEV;
  resetEnvForTests();
  setStateStoreForTests(undefined);
});

test("JOBS_PROVIDER=local: one process-wide local provider, started by startLocalJobsIfEnabled", async () => {
  process.env.JOBS_PROVIDER = "local";
  resetEnvForTests();
  setStateStoreForTests(createMemoryStateStore());
  const provider = getJobProvider();
  expect(provider.kind).toBe("local");
  expect(getJobProvider()).toBe(provider);
  startLocalJobsIfEnabled();
  expect(await (provider as LocalJobProvider).runOnce()).toBe(false);
});

test("JOBS_PROVIDER=inngest: an Inngest provider, loaded only when a job is sent", () => {
  process.env.JOBS_PROVIDER = "inngest";
  process.env.INNGEST_DEV = "1";
  resetEnvForTests();
  const provider = getJobProvider();
  expect(provider.kind).toBe("inngest");
});
