// The physical floor for a cached JSON endpoint: node:http + one Redis GET, serving the same bytes.
// Same ioredis options as the app's Redis store. Usage: node bench/floor-server.mjs <port> <redisUrl> <key>
import http from "node:http";
import { Redis } from "ioredis";

const [port, redisUrl, key] = process.argv.slice(2);
const redis = new Redis(redisUrl, { commandTimeout: 200, maxRetriesPerRequest: 1, enableOfflineQueue: true });

const server = http.createServer(async (req, res) => {
  const body = await redis.getBuffer(key);
  if (!body) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { "content-type": "application/json; charset=utf-8", "x-cache": "HIT" });
  res.end(body);
});
server.listen(Number(port), "127.0.0.1", () => console.log(`floor listening on ${port}`));
process.on("SIGTERM", () => {
  server.close();
  redis.disconnect();
  process.exit(0);
});
