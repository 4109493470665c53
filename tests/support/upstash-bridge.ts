// Test-only: serves the Upstash Redis REST protocol (POST /, /pipeline, /multi-exec) over a real local
// Redis through ioredis, so the @upstash/redis backend is tested against real Redis semantics.
// Adapted from the shim described in ../shared/docs/stack.md, Appendix A.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";

type Json = string | number | null | Json[] | { [key: string]: Json };

function encode(value: unknown, base64: boolean): Json {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((v) => encode(v, base64));
  if (Buffer.isBuffer(value)) return base64 ? value.toString("base64") : value.toString();
  if (typeof value === "string") return base64 ? Buffer.from(value).toString("base64") : value;
  if (typeof value === "number") return value;
  if (typeof value === "object") return encode(Object.entries(value).flat(), base64);
  return String(value);
}

/**
 * Upstash accepts Lua shebang flags that Redis 7.0 refuses (`#!lua flags=allow-key-locking`, used by
 * @upstash/ratelimit). Drop that line from EVAL scripts, as Upstash would accept them. EVALSHA of the
 * flagged script's hash then answers NOSCRIPT, and the library falls back to EVAL — as designed.
 */
function withoutUpstashScriptFlags(command: string, args: string[]): string[] {
  if (command.toUpperCase() !== "EVAL" || !args[0]?.startsWith("#!lua")) return args;
  return [args[0].replace(/^#!lua[^\n]*\n/, ""), ...args.slice(1)];
}

export type UpstashBridge = { url: string; token: string; close(): Promise<void> };

export async function startUpstashBridge(options: { redisUrl: string; token?: string }): Promise<UpstashBridge> {
  const token = options.token ?? "test-token";
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 1 });
  redis.on("error", () => undefined); // surfaced to the caller per command
  const server = http.createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${token}`) return send(401, { error: "Unauthorized" });
    const base64 = String(req.headers["upstash-encoding"] ?? "").toLowerCase() === "base64";
    let raw = "";
    for await (const chunk of req) raw += chunk;
    try {
      const commands = JSON.parse(raw) as unknown;
      const path = new URL(req.url ?? "/", "http://bridge").pathname.replace(/\/+$/, "");
      if (path === "/pipeline" || path === "/multi-exec") {
        // ioredis's pipeline looks commands up by their lower-case method name; Upstash takes any case.
        const list = (commands as (string | number)[][]).map(([command, ...args]) => [
          String(command).toLowerCase(),
          ...withoutUpstashScriptFlags(String(command), args.map(String)),
        ]);
        const out = path === "/pipeline" ? await redis.pipeline(list).exec() : await redis.multi(list).exec();
        return send(200, (out ?? []).map(([err, result]) => (err ? { error: err.message } : { result: encode(result, base64) })));
      }
      const [command, ...args] = commands as (string | number)[];
      const result = await redis.call(String(command), ...withoutUpstashScriptFlags(String(command), args.map(String)));
      return send(200, { result: encode(result, base64) });
    } catch (error) {
      return send(400, { error: error instanceof Error ? error.message : String(error) });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      redis.disconnect();
    },
  };
}
