// The openFDA client's limit on calls in flight, measured where it matters: at the (fake) openFDA
// server, over real HTTP, during a drug summary — whose breakdowns fan out with Promise.all.
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { getSignals, getSummary } from "@/lib/pipeline/questions";
import { signalsQuerySchema, summaryQuerySchema } from "@/lib/schemas/faers-query";
import { startFakeOpenFda, type FakeOpenFda } from "@/tests/support/fake-openfda";
import { fakeOpenFdaDeps, TEST_ASK } from "@/tests/support/pipeline-deps";

let fake: FakeOpenFda;

beforeAll(async () => {
  fake = await startFakeOpenFda();
});
afterAll(async () => {
  await fake.close();
});
afterEach(() => {
  fake.clearFaults();
  fake.clearRequests();
});

/** Runs `work` with every answer held 40 ms, so calls the client lets out together overlap at the server. */
async function peakDuring(work: () => Promise<unknown>): Promise<{ peak: number; requests: number }> {
  fake.addFault({ delayMs: 40 });
  fake.resetPeakConcurrency();
  await work();
  return { peak: fake.concurrency().peak, requests: fake.requests().length };
}

describe("openFDA calls in flight", () => {
  const summary = summaryQuerySchema.parse({ drug: "LETAIRIS" });

  test("without a tight limit a drug summary fans out well beyond 2 calls at once (the measurement can see it)", async () => {
    const { peak, requests } = await peakDuring(() => getSummary(summary, TEST_ASK, fakeOpenFdaDeps(fake.url, { maxConcurrency: 32 })));
    expect(requests).toBeGreaterThan(10);
    expect(peak).toBeGreaterThan(4);
  });

  test.each([1, 2, 4])("with a limit of %i a drug summary never has more calls in flight, and reaches the limit", async (limit) => {
    const { peak, requests } = await peakDuring(() => getSummary(summary, TEST_ASK, fakeOpenFdaDeps(fake.url, { maxConcurrency: limit })));
    expect(requests).toBeGreaterThan(10);
    expect(peak).toBe(limit);
  });

  test("the limit holds across concurrent questions sharing one client (summary and signals at once)", async () => {
    const deps = fakeOpenFdaDeps(fake.url, { maxConcurrency: 2 });
    const { peak } = await peakDuring(() =>
      Promise.all([getSummary(summary, TEST_ASK, deps), getSignals(signalsQuerySchema.parse({ drug: "LETAIRIS", top: "5" }), TEST_ASK, deps)]),
    );
    expect(peak).toBe(2);
  });
});
