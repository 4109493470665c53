// npm run worker: serve the Inngest functions from a Node process of its own (inngest/worker-server.ts)
// on WORKER_PORT (default 3288), at /api/inngest. Needs JOBS_PROVIDER=inngest and a shared store
// (REDIS_URL or UPSTASH_REDIS_REST_URL/TOKEN); refuses to start otherwise.
import { register as registerHooks } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";
import { register as registerTsx } from "tsx/esm/api";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// Node 20 cannot load .ts (stack.md P25): tsx compiles the sources, tsconfig paths ("@/…") included.
registerTsx();
// Outside Next, "server-only" resolves to its throwing build; the worker is a server, so it gets the
// empty one (as Vitest does through its alias). Registered after tsx, so it is asked first.
const emptyServerOnly = pathToFileURL(path.join(root, "node_modules/server-only/empty.js")).href;
const hook = `export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: ${JSON.stringify(emptyServerOnly)}, shortCircuit: true };
  return next(specifier, context);
}`;
registerHooks(`data:text/javascript,${encodeURIComponent(hook)}`);

const raw = process.env.WORKER_PORT?.trim() ?? "";
const port = raw === "" ? 3288 : Number(raw);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`[cer-analytics worker] WORKER_PORT must be a whole number between 0 and 65535 (got "${raw}").`);
  process.exit(1);
}

const { runInngestWorker } = await import(pathToFileURL(path.join(root, "inngest/worker-server.ts")).href);
const refused = await runInngestWorker({ port, host: process.env.HOSTNAME_BIND?.trim() || undefined });
if (refused !== null) process.exit(refused);
