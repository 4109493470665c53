import { createServer, type Server } from "node:http";
import { serve } from "inngest/node";
import { getInngestSetup } from "@/inngest";
import { getEnv, type ServerEnv } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import { startTracing } from "@/lib/observability/tracing";

// `npm run worker` (scripts/worker.mjs): the same Inngest functions as /api/inngest, served by a Node
// process of their own, so report rendering runs apart from the web server. Inngest calls it at
// http://<host>:<WORKER_PORT>/api/inngest (sync it there, e.g. with the dev server's -u flag).

export const DEFAULT_WORKER_PORT = 3288;
export const WORKER_PATH = "/api/inngest";

/**
 * Why this env cannot run the worker, or null. Inngest must be the provider (with the local one, jobs
 * run inside the web server), and task records must live in a shared store: with the in-memory one the
 * worker's progress would be invisible to the web server's GET /api/tasks.
 */
export function workerEnvProblem(env: Pick<ServerEnv, "JOBS_PROVIDER" | "REDIS_URL" | "UPSTASH_REDIS_REST_URL">): string | null {
  const problems: string[] = [];
  if (env.JOBS_PROVIDER !== "inngest") {
    problems.push(`JOBS_PROVIDER is "${env.JOBS_PROVIDER}": the worker serves Inngest functions, so set JOBS_PROVIDER=inngest (and INNGEST_DEV, or INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY).`);
  }
  if (env.REDIS_URL === undefined && env.UPSTASH_REDIS_REST_URL === undefined) {
    problems.push("Neither REDIS_URL nor UPSTASH_REDIS_REST_URL (with UPSTASH_REDIS_REST_TOKEN) is set: on the in-memory store the web server would never see the worker's tasks and reports.");
  }
  return problems.length === 0 ? null : `The worker refuses to start:\n${problems.map((p) => `  - ${p}`).join("\n")}`;
}

/** Listens on `port` (0: any free port); resolves once listening. */
export async function startInngestWorker(options: { port: number; host?: string }): Promise<Server> {
  const setup = getInngestSetup();
  const handler = serve({ client: setup.client, functions: setup.functions, servePath: WORKER_PATH });
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === WORKER_PATH) return void handler(req, res);
    res.writeHead(404, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify({ error: { code: "not_found", message: `The worker serves only ${WORKER_PATH}.` } }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  logger.info("inngest.worker_started", {
    port: typeof address === "object" && address !== null ? address.port : options.port,
    functions: setup.functions.length,
    mode: setup.client.mode,
  });
  return server;
}

/** The worker process: check the env, listen, stop on SIGINT/SIGTERM. Returns the exit code on refusal. */
export async function runInngestWorker(options: { port: number; host?: string }): Promise<number | null> {
  let env: ServerEnv;
  try {
    env = getEnv();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const problem = workerEnvProblem(env);
  if (problem !== null) {
    process.stderr.write(`${problem}\n`);
    return 1;
  }
  // Traces as in the web server (instrumentation.ts); flushed below once the server has closed.
  const tracing = startTracing({ onSigterm: false });
  const server = await startInngestWorker(options);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      logger.info("inngest.worker_stopping", { signal });
      server.close(() => void (tracing?.shutdown() ?? Promise.resolve()).catch(() => undefined).finally(() => process.exit(0)));
      // In-flight step calls get a moment; the Inngest server retries anything cut off.
      setTimeout(() => process.exit(0), 10_000).unref();
    });
  }
  return null;
}
