import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";

/** Nice value of worker threads: below the event loop's (0), so a short core goes to the loop first. */
export const WORKER_NICE = 10;

/**
 * Lowers the calling thread's CPU priority, best effort. On Linux, setpriority() given a thread id
 * changes only that thread, and /proc/thread-self names it; elsewhere this does nothing. On a 2-core
 * machine a busy worker otherwise competes with the event loop for the core it shares with the rest.
 */
export function lowerThisThreadPriority(nice = WORKER_NICE): boolean {
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    setPriority(tid, nice);
    return true;
  } catch {
    return false;
  }
}
