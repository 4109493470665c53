// Process helpers for benchmarks: children that die with the bench, CPU time of a process tree from
// /proc, free ports, waiting for URLs.
import { spawn } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { createServer } from "node:net";

const CLK_TCK = 100; // Linux USER_HZ

function statOf(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    // After "pid (comm) ": state=0, ppid=1, …, utime=11, stime=12
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

function descendantsOf(pid) {
  const children = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const s = statOf(entry);
    if (!s) continue;
    const list = children.get(s.ppid) ?? [];
    list.push(Number(entry));
    children.set(s.ppid, list);
  }
  const all = [];
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    all.push(p);
    stack.push(...(children.get(p) ?? []));
  }
  return all;
}

/** Resident set size, in bytes, of `pid` and every live descendant (VmRSS from /proc). */
export function treeRssBytes(pid) {
  let kb = 0;
  for (const p of descendantsOf(pid)) {
    try {
      const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      if (match) kb += Number(match[1]);
    } catch {
      // gone
    }
  }
  return kb * 1024;
}

/** CPU seconds used so far by `pid` and every live descendant. */
export function treeCpuSeconds(pid) {
  let ticks = 0;
  for (const p of descendantsOf(pid)) ticks += statOf(p)?.ticks ?? 0;
  return ticks / CLK_TCK;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function waitFor(url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${url}`);
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const groupChildren = [];

function killGroupChildren() {
  for (const child of groupChildren) {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

/**
 * Spawns a child in its own process group (tsx and the standalone server start grandchildren), with
 * NEXT_TELEMETRY_DISABLED; the whole group is killed when this process exits, or on SIGINT / SIGTERM.
 */
export function spawnGroupChild(command, args, { env = {}, ...options } = {}) {
  if (groupChildren.length === 0) {
    process.on("exit", killGroupChildren);
    process.on("SIGINT", () => process.exit(130));
    process.on("SIGTERM", () => process.exit(143));
  }
  const child = spawn(command, args, { ...options, detached: true, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
  groupChildren.push(child);
  return child;
}
