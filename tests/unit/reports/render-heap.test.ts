import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "vitest";

// react-pdf's renderToBuffer never unmounted its React root, so each render's whole tree stayed on the
// heap (~26 MB per render of the large CER; see renderPdfBuffer). Renders in a child process with
// --expose-gc and checks that the heap after a full GC stops growing once warm (render 2 → render 6).

const root = path.resolve(import.meta.dirname, "../../..");

test("the heap does not grow with each CER render (after GC)", { timeout: 120_000 }, async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ["--expose-gc", "--import", "tsx", "tests/fixtures/reports/heap-after-renders.ts"], {
    cwd: root,
    env: { ...process.env, RENDERS: "6" },
  });
  const { heapMb, distinctHashes } = JSON.parse(stdout) as { heapMb: number[]; distinctHashes: number };
  expect(distinctHashes).toBe(1);
  const growth = heapMb[5]! - heapMb[1]!;
  expect(growth, `heap after each render (MB): ${heapMb.map((h) => h.toFixed(1)).join(", ")}`).toBeLessThan(4);
});
