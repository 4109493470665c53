import { describe, expect, test } from "vitest";
import { createInngestClient, toInngestMode } from "@/inngest/client";
import { createInngestJobProvider } from "@/inngest/provider";
import { createJobRecorder, threeStepJob } from "@/tests/support/jobs/inngest-three-step-job";

const NO_INNGEST = { INNGEST_DEV: undefined, INNGEST_EVENT_KEY: undefined, INNGEST_SIGNING_KEY: undefined, INNGEST_BASE_URL: undefined };

function fakeInngest() {
  const sent: { url: string; events: unknown }[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const events: unknown = JSON.parse(String(init?.body));
    sent.push({ url: String(input), events });
    return Response.json({ ids: (events as unknown[]).map((_, i) => `id-${i}`), status: 200 });
  }) as typeof globalThis.fetch;
  const client = createInngestClient({ ...NO_INNGEST, INNGEST_DEV: "1" }, { fetch });
  return { sent, provider: createInngestJobProvider(client) };
}

describe("the Inngest job provider", () => {
  const definition = threeStepJob(createJobRecorder());

  test("enqueue sends the trigger event, its id the definition's idempotency key", async () => {
    const { sent, provider } = fakeInngest();
    expect(provider.kind).toBe("inngest");
    await provider.enqueue(definition, { reportId: "r-1", userId: "u-1" });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url).toMatch(/^http:\/\/localhost:8288\/e\//);
    expect(sent[0]?.events).toEqual([
      expect.objectContaining({ name: "test/three-step.requested", data: { reportId: "r-1", userId: "u-1" }, id: "test-three-step:r-1" }),
    ]);
  });

  test("enqueue checks the data against the schema before sending", async () => {
    const { sent, provider } = fakeInngest();
    await expect(provider.enqueue(definition, { reportId: 1 } as never)).rejects.toThrow();
    expect(sent).toEqual([]);
  });

  test("cancel sends the cancelOn event with the data its match field reads", async () => {
    const { sent, provider } = fakeInngest();
    await provider.cancel(definition, { reportId: "r-1", userId: "u-1" });
    expect(sent[0]?.events).toEqual([expect.objectContaining({ name: "test/three-step.cancelled", data: { reportId: "r-1", userId: "u-1" } })]);
  });

  test("a scheduled job cannot be enqueued, and a job without cancelOn cannot be cancelled", async () => {
    const { sent, provider } = fakeInngest();
    await expect(provider.enqueue({ ...definition, trigger: { cron: "0 6 * * *" } }, { reportId: "r", userId: "u" })).rejects.toThrow(/schedule/);
    await expect(provider.cancel({ ...definition, cancelOn: undefined }, { reportId: "r", userId: "u" })).rejects.toThrow(/no cancel event/);
    expect(sent).toEqual([]);
  });
});

describe("INNGEST_DEV", () => {
  test.each([
    [undefined, { isDev: false, baseUrl: undefined }],
    ["1", { isDev: true, baseUrl: undefined }],
    ["true", { isDev: true, baseUrl: undefined }],
    ["0", { isDev: false, baseUrl: undefined }],
    ["false", { isDev: false, baseUrl: undefined }],
    ["http://inngest:8288", { isDev: true, baseUrl: "http://inngest:8288" }],
  ])("%s → %o", (value, expected) => {
    expect(toInngestMode({ ...NO_INNGEST, INNGEST_DEV: value })).toEqual(expected);
  });

  test("INNGEST_BASE_URL is the server when INNGEST_DEV is not a URL", () => {
    expect(toInngestMode({ ...NO_INNGEST, INNGEST_BASE_URL: "https://inngest.internal" })).toEqual({ isDev: false, baseUrl: "https://inngest.internal" });
  });

  test("the client's mode follows the parsed env, not the SDK's own env lookup", () => {
    expect(createInngestClient({ ...NO_INNGEST, INNGEST_DEV: "1" }).mode).toBe("dev");
    expect(createInngestClient({ ...NO_INNGEST, INNGEST_SIGNING_KEY: "signkey-test-00", INNGEST_EVENT_KEY: "k" }).mode).toBe("cloud");
  });
});
