// `node worker.js` in the standalone folder (ensure-build copies this file there; the image runs it as
// the worker's command). The standalone folder has no sources, so the worker is the same server.js on a
// port of its own: Inngest is pointed at http://<worker>:<WORKER_PORT>/api/inngest and every job step
// (report rendering, scans) runs in this process, apart from the web server that takes user traffic.
// From a source checkout, `npm run worker` (scripts/worker.mjs) serves the same functions instead.
//
// It refuses to start on the env where a worker makes no sense — the rule of workerEnvProblem
// (inngest/worker-server.ts), repeated here because this folder cannot load the TypeScript.

const problems = [];
if ((process.env.JOBS_PROVIDER ?? "").trim() !== "inngest") {
  problems.push("JOBS_PROVIDER is not \"inngest\": the worker serves Inngest functions, so set JOBS_PROVIDER=inngest (and INNGEST_DEV, or INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY).");
}
if (!process.env.REDIS_URL?.trim() && !process.env.UPSTASH_REDIS_REST_URL?.trim()) {
  problems.push("Neither REDIS_URL nor UPSTASH_REDIS_REST_URL (with UPSTASH_REDIS_REST_TOKEN) is set: on the in-memory store the web server would never see the worker's tasks and reports.");
}
const raw = process.env.WORKER_PORT?.trim() ?? "";
const port = raw === "" ? 3288 : Number(raw);
if (!Number.isInteger(port) || port < 1 || port > 65_535) {
  problems.push(`WORKER_PORT must be a whole number between 1 and 65535 (got "${raw}").`);
}
if (problems.length > 0) {
  console.error(`The worker refuses to start:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  process.exit(1);
}

process.env.PORT = String(port);
await import(new URL("./server.js", import.meta.url).href);
