// No Docker engine runs here, so the container files are checked for the facts that matter: Node 24 in
// every stage, a non-root runtime holding only the standalone folder, a health check on /api/health,
// both commands; compose's services, persistence, health-gated start order, and env names the app
// actually reads (a typo there would be silently ignored by the container).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { serverEnvSchema } from "@/lib/env";

const root = path.resolve(import.meta.dirname, "../../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

type Instruction = { op: string; args: string };

/** Dockerfile instructions (continuations joined, comments dropped), split into stages at FROM. */
function dockerStages(text: string): { args: Record<string, string>; stages: { from: string; name?: string; body: Instruction[] }[] } {
  const lines = text.replace(/\\\r?\n/g, " ").split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#"));
  const args: Record<string, string> = {};
  const stages: { from: string; name?: string; body: Instruction[] }[] = [];
  for (const line of lines) {
    const [, op = "", rest = ""] = line.match(/^(\S+)\s+(.*)$/) ?? [];
    const instruction = { op: op.toUpperCase(), args: rest.trim() };
    if (instruction.op === "ARG" && stages.length === 0) {
      const [name = "", value = ""] = instruction.args.split("=");
      args[name] = value;
    } else if (instruction.op === "FROM") {
      const [image = "", , name] = instruction.args.split(/\s+/);
      stages.push({ from: image.replace(/^\$\{(\w+)\}$/, (_, arg: string) => args[arg] ?? ""), name, body: [] });
    } else stages.at(-1)?.body.push(instruction);
  }
  return { args, stages };
}

describe("Dockerfile", () => {
  const { stages } = dockerStages(read("Dockerfile"));
  const runtime = stages.at(-1)!;
  const ops = (op: string) => runtime.body.filter((i) => i.op === op);

  test("is multi-stage, every stage on Node 24 LTS (bookworm-slim)", () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    for (const stage of stages) expect(stage.from).toBe("node:24-bookworm-slim");
  });

  test("the build stage builds through ensure-build (standalone output plus its copied assets and worker.js)", () => {
    const build = stages.find((s) => s.name === "build")!;
    expect(build.body.some((i) => i.op === "RUN" && i.args.includes("scripts/ensure-build.mjs"))).toBe(true);
  });

  test("the runtime copies only the standalone folder from the build, no node_modules of its own", () => {
    const copies = ops("COPY");
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) expect(copy.args).toMatch(/--from=build\b.*\/app\/\.next\/standalone\s+\.\/$/);
  });

  test("runs as a non-root user, set before the command", () => {
    const users = ops("USER");
    expect(users).toHaveLength(1);
    expect(users[0]!.args).not.toMatch(/^(root|0)(:|$)/);
    const order = runtime.body.map((i) => i.op);
    expect(order.indexOf("USER")).toBeLessThan(order.indexOf("CMD"));
  });

  test("has a HEALTHCHECK on /api/health, and serves node server.js (exec form)", () => {
    expect(ops("HEALTHCHECK")).toHaveLength(1);
    expect(ops("HEALTHCHECK")[0]!.args).toContain("/api/health");
    expect(JSON.parse(ops("CMD")[0]!.args)).toEqual(["node", "server.js"]);
    expect(ops("ENV").map((i) => i.args).join(" ")).toMatch(/\bHOSTNAME=0\.0\.0\.0\b/);
  });
});

describe(".dockerignore", () => {
  const ignored = read(".dockerignore").split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#"));
  test.each(["node_modules", ".next", ".git", ".env", ".env.*", ".cer-data", "test-results", "playwright-report", "bench", "tests"])("keeps %s out of the build context", (entry) => {
    expect(ignored).toContain(entry);
  });
});

type Service = {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  volumes?: string[];
  ports?: string[];
};

describe("compose.yaml", () => {
  const compose = parse(read("compose.yaml"), { merge: true }) as { services: Record<string, Service>; volumes?: Record<string, unknown> };
  const { services } = compose;

  test("has the app, the worker, Redis and the Inngest dev server", () => {
    expect(Object.keys(services).sort()).toEqual(["app", "inngest", "redis", "worker"]);
  });

  test("app and worker are one image; the worker runs node worker.js", () => {
    expect(services.app!.image).toBe(services.worker!.image);
    expect(services.app!.build).toBeDefined();
    expect(services.app!.command).toBeUndefined();
    expect(services.worker!.command).toEqual(["node", "worker.js"]);
  });

  test("Redis 7 keeps an append-only file on a named volume", () => {
    const redis = services.redis!;
    expect(redis.image).toMatch(/^redis:7(\b|$)/);
    expect(redis.command!.join(" ")).toMatch(/--appendonly yes/);
    const [volume, target] = redis.volumes![0]!.split(":");
    expect(target).toBe("/data");
    expect(Object.keys(compose.volumes ?? {})).toContain(volume);
  });

  test("the Inngest dev server is told the worker's /api/inngest, on the worker's port", () => {
    const inngest = services.inngest!;
    expect(inngest.image).toMatch(/^inngest\/inngest(:|$)/);
    const command = inngest.command!;
    expect(command.slice(0, 2)).toEqual(["inngest", "dev"]);
    const url = new URL(command[command.indexOf("-u") + 1]!);
    expect(url.hostname).toBe("worker");
    expect(url.port).toBe(services.worker!.environment!.WORKER_PORT);
    expect(url.pathname).toBe("/api/inngest");
    // App and worker send their events to this dev server.
    for (const name of ["app", "worker"]) expect(new URL(services[name]!.environment!.INNGEST_DEV!).hostname).toBe("inngest");
  });

  test("every depends_on condition is a real service; service_healthy only on services with a health check", () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(services[dependency], `${name} → ${dependency}`).toBeDefined();
        expect(["service_started", "service_healthy", "service_completed_successfully"]).toContain(condition);
        if (condition === "service_healthy") expect(services[dependency]!.healthcheck, `${dependency} has a health check`).toBeDefined();
      }
    }
    expect(services.app!.depends_on!.redis!.condition).toBe("service_healthy");
    expect(services.worker!.depends_on!.redis!.condition).toBe("service_healthy");
  });

  test("app and worker health checks probe /api/health on the port each listens on", () => {
    expect(services.app!.healthcheck!.test.join(" ")).toContain(`127.0.0.1:${services.app!.environment!.PORT}/api/health`);
    expect(services.worker!.healthcheck!.test.join(" ")).toContain(`127.0.0.1:${services.worker!.environment!.WORKER_PORT}/api/health`);
    expect(services.app!.ports).toContain(`${services.app!.environment!.PORT}:${services.app!.environment!.PORT}`);
  });

  test("every env var given to app and worker is one the app reads (lib/env.ts) or the worker launcher reads", () => {
    const known = new Set(Object.keys(serverEnvSchema.shape));
    const launcher = read("scripts/standalone-worker.mjs");
    for (const name of ["app", "worker"]) {
      for (const variable of Object.keys(services[name]!.environment ?? {})) {
        const readByLauncher = launcher.includes(`process.env.${variable}`);
        expect(known.has(variable) || readByLauncher, `${name}: ${variable}`).toBe(true);
      }
    }
  });
});

describe("compose.prod.yaml over compose.yaml", () => {
  const override = parse(read("compose.prod.yaml"), { merge: true }) as { services: Record<string, Service & { command?: string[] }> };
  const { services } = override;

  test("runs inngest start against the worker, and points app and worker at it with keys instead of the dev server", () => {
    expect(services.inngest!.command!.slice(0, 2)).toEqual(["inngest", "start"]);
    expect(services.inngest!.command).toContain("http://worker:3288/api/inngest");
    for (const name of ["app", "worker"]) {
      const env = services[name]!.environment!;
      expect(env.INNGEST_DEV).toBe(""); // empty counts as unset in lib/env.ts
      expect(new URL(env.INNGEST_BASE_URL!).hostname).toBe("inngest");
      expect(env.INNGEST_EVENT_KEY).toMatch(/^\$\{INNGEST_EVENT_KEY:\?/);
      expect(env.INNGEST_SIGNING_KEY).toMatch(/^\$\{INNGEST_SIGNING_KEY:\?/);
      const known = new Set(Object.keys(serverEnvSchema.shape));
      for (const variable of Object.keys(env)) expect(known.has(variable), `${name}: ${variable}`).toBe(true);
    }
  });

  test("Inngest's own Postgres and Redis are health-gated and on named volumes", () => {
    for (const name of ["inngest-postgres", "inngest-redis"]) {
      expect(services.inngest!.depends_on![name]!.condition).toBe("service_healthy");
      expect(services[name]!.healthcheck).toBeDefined();
      expect(services[name]!.volumes![0]).toMatch(/^inngest-[a-z]+:\//);
    }
  });
});

type Job = { needs?: string | string[]; strategy?: { matrix?: { node?: string[] } }; services?: Record<string, { image: string }>; steps: { uses?: string; run?: string; with?: Record<string, unknown> }[] };

describe(".github/workflows/ci.yml", () => {
  const workflow = parse(read(".github/workflows/ci.yml")) as { jobs: Record<string, Job> };
  const { jobs } = workflow;
  const runs = (job: Job) => job.steps.map((step) => step.run ?? "").join("\n");

  test("has the jobs the issue names", () => {
    expect(Object.keys(jobs).sort()).toEqual(["build", "e2e", "image", "integration", "lint", "typecheck", "unit"]);
  });

  test("tests run on Node 20 and 24; integration and e2e get a Redis service", () => {
    for (const name of ["unit", "integration", "build", "e2e"]) expect(jobs[name]!.strategy?.matrix?.node).toEqual(["20", "24"]);
    for (const name of ["integration", "e2e"]) expect(jobs[name]!.services?.redis?.image).toMatch(/^redis:7/);
  });

  test("e2e reuses the build job's artifact instead of building again", () => {
    expect([jobs.e2e!.needs].flat()).toContain("build");
    expect(jobs.e2e!.steps.some((step) => step.uses?.startsWith("actions/download-artifact@"))).toBe(true);
    expect(runs(jobs.e2e!)).not.toMatch(/next build|npm run build/);
    expect(runs(jobs.e2e!)).toContain("npx playwright test");
  });

  test("the image is built with build-push-action and pushed to GHCR only from main, after the tests", () => {
    const build = jobs.image!.steps.find((step) => step.uses?.startsWith("docker/build-push-action@"))!;
    expect(String(build.with!.push)).toContain("refs/heads/main");
    expect([jobs.image!.needs].flat()).toEqual(expect.arrayContaining(["unit", "integration", "e2e"]));
  });
});
