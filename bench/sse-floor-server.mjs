// The floor for the alert stream: node:http serving text/event-stream, fed by one XREAD BLOCK loop on the
// same Redis stream the app reads, broadcasting each entry to every open response. No auth, no
// filtering, no framework. Usage: node bench/sse-floor-server.mjs <port> <redisUrl> <stream>
// GET /stream: the events; GET /count: {"open": n}.
import http from "node:http";
import { Redis } from "ioredis";

const [port, redisUrl, stream] = process.argv.slice(2);
const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
const open = new Set();

const server = http.createServer((req, res) => {
  if (req.url === "/count") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ open: open.size }));
    return;
  }
  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform" });
  res.write("retry: 3000\n: connected\n\n");
  open.add(res);
  const done = () => open.delete(res);
  req.on("close", done);
  res.on("error", done);
});

async function loop() {
  let last = (await redis.xrevrange(stream, "+", "-", "COUNT", 1))[0]?.[0] ?? "0-0";
  for (;;) {
    const result = await redis.xread("COUNT", 100, "BLOCK", 5000, "STREAMS", stream, last);
    for (const [, entries] of result ?? []) {
      for (const [id, fields] of entries) {
        last = id;
        const frame = `id: ${id}\nevent: alert\ndata: ${fields[fields.indexOf("data") + 1]}\n\n`;
        for (const res of open) res.write(frame);
      }
    }
  }
}

server.listen(Number(port), "127.0.0.1", () => {
  console.log(`sse floor listening on ${port}`);
  void loop();
});
process.on("SIGTERM", () => {
  server.close();
  redis.disconnect();
  process.exit(0);
});
