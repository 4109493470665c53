import http from "node:http";
import type { AddressInfo } from "node:net";

// A real OTLP/HTTP receiver for tests: accepts POST /v1/traces with a JSON body (what
// @opentelemetry/exporter-trace-otlp-http sends) and keeps each request's headers and body.

export type OtlpSpan = {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: { key: string; value: Record<string, unknown> }[];
  status?: { code?: number; message?: string };
  events?: { name: string; attributes?: { key: string; value: Record<string, unknown> }[] }[];
};

type ExportBody = {
  resourceSpans: { resource?: { attributes?: OtlpSpan["attributes"] }; scopeSpans: { spans: OtlpSpan[] }[] }[];
};

export type OtlpReceiver = {
  url: string;
  requests: { path: string; headers: http.IncomingHttpHeaders; raw: string }[];
  spans(): OtlpSpan[];
  resourceAttributes(): Record<string, unknown>;
  close(): Promise<void>;
};

/** An attribute's value as a plain JS value (OTLP JSON wraps each in { stringValue | intValue | … }). */
export function attributeValue(attributes: OtlpSpan["attributes"], key: string): unknown {
  const found = attributes?.find((a) => a.key === key)?.value;
  if (!found) return undefined;
  if ("stringValue" in found) return found.stringValue;
  if ("intValue" in found) return Number(found.intValue);
  if ("doubleValue" in found) return found.doubleValue;
  if ("boolValue" in found) return found.boolValue;
  return found;
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const requests: OtlpReceiver["requests"] = [];
  const server = http.createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (raw += chunk));
    req.on("end", () => {
      requests.push({ path: req.url ?? "", headers: req.headers, raw });
      if (req.method !== "POST" || req.url !== "/v1/traces") {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const bodies = () => requests.filter((r) => r.path === "/v1/traces").map((r) => JSON.parse(r.raw) as ExportBody);
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    spans: () => bodies().flatMap((b) => b.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans))),
    resourceAttributes: () => {
      const attributes = bodies()[0]?.resourceSpans[0]?.resource?.attributes ?? [];
      return Object.fromEntries(attributes.map((a) => [a.key, attributeValue(attributes, a.key)]));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
