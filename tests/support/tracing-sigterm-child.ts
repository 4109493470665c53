// Child process for tests/integration/tracing-sigterm.test.ts: a SIGTERM handler registered first (as
// Next's is, before instrumentation), then tracing, one span, and SIGTERM to itself. The span must
// reach the receiver (argv[2]) before the handler's process.exit(143).
import { startTracing } from "@/lib/observability/tracing";
import { withSpan } from "@/lib/observability/with-span";

const receiverUrl = process.argv[2] ?? "";
process.on("SIGTERM", () => {
  console.log("server-cleanup");
  process.exit(143);
});
startTracing({ settings: { url: `${receiverUrl}/v1/traces`, headers: {}, serviceName: "sigterm-child", serviceVersion: "0", sampleRatio: 1 } });
await withSpan("last-span-before-sigterm", {}, async () => undefined);
process.kill(process.pid, "SIGTERM");
// Keeps the event loop alive until the signal arrives (the exporter's timers are unref'd).
setTimeout(() => console.log("still-alive"), 10_000);
