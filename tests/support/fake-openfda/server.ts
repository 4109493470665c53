// HTTP layer of the fake openFDA: routes API paths to the computing handler, applies test faults,
// logs requests, and exposes /__control/* so a separate process (Playwright) can steer it.
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { errorResponse, handleApiRequest } from "./api-handler";
import { loadDatasets } from "./datasets";
import { FaultQueue, faultResponse, faultRuleSchema } from "./faults";
import type { FakeResponse, FaultRule, RecordedRequest } from "./types";

export interface StartFakeOpenFdaOptions {
  /** 0 or absent = any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

export interface FakeOpenFda {
  /** Base URL without trailing slash, e.g. http://127.0.0.1:4010 */
  url: string;
  close(): Promise<void>;
  requests(): RecordedRequest[];
  clearRequests(): void;
  addFault(rule: FaultRule): void;
  clearFaults(): void;
  /** API requests being answered now, and the most at once since the last reset. */
  concurrency(): { inFlight: number; peak: number };
  resetPeakConcurrency(): void;
}

const CONTROL_PREFIX = "/__control/";
const MAX_CONTROL_BODY = 1024 * 1024;

export async function startFakeOpenFda(options: StartFakeOpenFdaOptions = {}): Promise<FakeOpenFda> {
  const host = options.host ?? "127.0.0.1";
  const { drugEvent, deviceEvent } = loadDatasets();
  const datasets = [drugEvent, deviceEvent];
  const faults = new FaultQueue();
  let log: RecordedRequest[] = [];
  // In-flight API requests (control routes excluded): the peak shows how much a client fans out.
  let inFlight = 0;
  let peak = 0;
  // Cancels for in-flight fault delays, so close() never waits on (or leaks) a timer.
  const pendingWaits = new Set<() => void>();
  let closePromise: Promise<void> | undefined;

  function wait(ms: number, res: ServerResponse): Promise<boolean> {
    return new Promise((resolve) => {
      const finish = (completed: boolean): void => {
        clearTimeout(timer);
        res.off("close", cancel);
        pendingWaits.delete(cancel);
        resolve(completed);
      };
      const cancel = (): void => finish(false);
      const timer = setTimeout(() => finish(true), ms);
      pendingWaits.add(cancel);
      // The client may give up first (its own timeout); then there is nobody to answer.
      res.once("close", cancel);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? "/";
    const origin = `http://${req.headers.host ?? hostPort(host, port())}`;
    const url = new URL(`${origin}${rawUrl.startsWith("/") ? rawUrl : `/${rawUrl}`}`);

    if (url.pathname.startsWith(CONTROL_PREFIX)) {
      await handleControl(req, res, url.pathname);
      return;
    }

    const rule = faults.take(rawUrl);
    log.push(recordRequest(req, url, rule !== undefined));
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    res.once("close", () => {
      inFlight -= 1;
    });

    if (rule?.delayMs !== undefined && rule.delayMs > 0) {
      if (!(await wait(rule.delayMs, res))) return;
    }
    if (rule?.reset) {
      req.socket.destroy();
      return;
    }
    const injected = rule ? faultResponse(rule) : undefined;
    if (injected) {
      send(res, injected, req.method);
      return;
    }
    const response =
      req.method === "GET" || req.method === "HEAD"
        ? handleApiRequest(url, origin, datasets)
        : errorResponse(405, "BAD_REQUEST", `Method not allowed: ${req.method ?? ""}`);
    send(res, rule?.headers ? { ...response, headers: { ...response.headers, ...rule.headers } } : response, req.method);
  }

  async function handleControl(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const route = `${req.method ?? "GET"} ${pathname}`;
    if (route === "POST /__control/faults") {
      let parsed: unknown;
      try {
        parsed = JSON.parse(await readBody(req));
      } catch (error) {
        send(res, controlJson(400, { ok: false, error: `Invalid JSON: ${String(error)}` }), req.method);
        return;
      }
      const result = faultRuleSchema.safeParse(parsed);
      if (!result.success) {
        send(res, controlJson(400, { ok: false, error: result.error.message }), req.method);
        return;
      }
      faults.add(result.data);
      send(res, controlJson(201, { ok: true }), req.method);
    } else if (route === "DELETE /__control/faults") {
      faults.clear();
      send(res, controlJson(200, { ok: true }), req.method);
    } else if (route === "GET /__control/requests") {
      send(res, controlJson(200, log), req.method);
    } else if (route === "DELETE /__control/requests") {
      log = [];
      send(res, controlJson(200, { ok: true }), req.method);
    } else if (route === "GET /__control/concurrency") {
      send(res, controlJson(200, { inFlight, peak }), req.method);
    } else if (route === "DELETE /__control/concurrency") {
      peak = inFlight;
      send(res, controlJson(200, { ok: true }), req.method);
    } else {
      send(res, controlJson(404, { ok: false, error: `Unknown control route: ${route}` }), req.method);
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent || res.destroyed) {
        res.destroy();
        return;
      }
      send(res, errorResponse(500, "SERVER_ERROR", "fake-openfda internal error", String(error)), req.method);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });

  function port(): number {
    return (server.address() as AddressInfo).port;
  }

  return {
    url: `http://${hostPort(host, port())}`,
    close() {
      closePromise ??= new Promise<void>((resolve) => {
        for (const cancel of [...pendingWaits]) cancel();
        server.close(() => resolve());
        // Keep-alive sockets (undici's fetch keeps them) would otherwise hold close() open.
        server.closeAllConnections();
      });
      return closePromise;
    },
    requests: () => log.map((r) => ({ ...r, query: { ...r.query } })),
    clearRequests: () => {
      log = [];
    },
    addFault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    concurrency: () => ({ inFlight, peak }),
    resetPeakConcurrency: () => {
      peak = inFlight;
    },
  };
}

function hostPort(host: string, port: number): string {
  return `${host.includes(":") ? `[${host}]` : host}:${port}`;
}

function send(res: ServerResponse, response: FakeResponse, method: string | undefined): void {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(response.status, response.headers);
  res.end(method === "HEAD" ? undefined : response.body);
}

function controlJson(status: number, payload: unknown): FakeResponse {
  return {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "X-Fake-OpenFDA": "control" },
    body: JSON.stringify(payload),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_CONTROL_BODY) {
        reject(new Error("control body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function recordRequest(req: IncomingMessage, url: URL, faulted: boolean): RecordedRequest {
  const authorization = req.headers.authorization ?? null;
  return {
    method: req.method ?? "GET",
    url: req.url ?? "",
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    authorization,
    basicAuthUser: basicAuthUser(authorization),
    apiKey: url.searchParams.get("api_key"),
    faulted,
    time: new Date().toISOString(),
  };
}

/** openFDA accepts the API key as the Basic auth username (password empty). */
function basicAuthUser(authorization: string | null): string | null {
  const m = /^Basic\s+(\S+)$/i.exec(authorization ?? "");
  if (!m?.[1]) return null;
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? decoded : decoded.slice(0, colon);
}
