// The real logger (pino, its redaction and serialisation) writing into memory instead of stdout.
import { Writable } from "node:stream";
import { afterEach, beforeEach } from "vitest";
import { setLogDestinationForTests } from "@/lib/observability/logger";

export type CapturedLog = { text: () => string; lines: () => Record<string, unknown>[] };

export function captureLogsPerTest(): CapturedLog {
  let chunks: string[] = [];
  beforeEach(() => {
    chunks = [];
    setLogDestinationForTests(
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          chunks.push(chunk.toString());
          done();
        },
      }),
    );
  });
  afterEach(() => setLogDestinationForTests(undefined));
  const text = () => chunks.join("");
  return {
    text,
    lines: () =>
      text()
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
