// A process that runs the three-step test job on the local provider against real Redis, until its task
// is finished. Run with `node --conditions=react-server --import tsx` (react-server: "server-only"
// resolves to its empty module, as in Next's server build).
// Usage: run-local-job.ts <keyPrefix> <runId> <step two ms> <lease ms>
import { connectRedis } from "@/lib/cache/redis-connection";
import { createRedisStateStore } from "@/lib/cache/redis-state-store";
import { createLocalJobProvider } from "@/lib/jobs/local-provider";
import { isTerminalTaskStatus, createTaskStore } from "@/lib/jobs/task-store";
import { taskIdOf, threeStepJob } from "@/tests/support/jobs/three-step-job";

const [prefix = "", runId = "", stepTwoMs = "0", leaseMs = "1000"] = process.argv.slice(2);
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

async function main(): Promise<void> {
  const connection = connectRedis(redisUrl, 2000);
  const store = createRedisStateStore(connection.client, connection.whenReady);
  const tasks = createTaskStore(store, undefined, { keyPrefix: prefix });
  const definition = threeStepJob({ store, prefix, label: `pid-${process.pid}`, stepDelayMs: { two: Number(stepTwoMs) } });
  const jobs = createLocalJobProvider({ store, tasks, definitions: [definition], keyPrefix: prefix, leaseMs: Number(leaseMs), pollMs: 20, instanceId: `pid-${process.pid}` });

  const data = { runId, owner: "user-sigkill" };
  // The second process enqueues again, as a restarted app's request might: it must start nothing new.
  await jobs.enqueue(definition, data);
  jobs.start();
  process.stdout.write("started\n");
  for (;;) {
    const task = await tasks.get(taskIdOf(runId));
    if (task && isTerminalTaskStatus(task.status)) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await jobs.stop();
  connection.client.disconnect();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
