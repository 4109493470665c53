import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import path from "node:path";
import { pipeline, type Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { FaersFileError } from "./errors";
import { decodeLatin1Line } from "./text-decoding";

// Streams the lines of a (possibly gzipped) text file in batches, with bounded memory: one chunk
// (1 MiB) plus the partial line that straddles it. Lines end at "\n"; one "\r" before it is removed
// (CRLF files). A lone "\r" is kept as data: readline would split there, but FAERS free text can
// contain it and the line count must match what an editor shows.

const CHUNK_BYTES = 1 << 16;
/** A "line" longer than this is not a FAERS record (binary file, wrong delimiter): stop, bounded memory. */
export const MAX_LINE_CHARS = 1 << 24;

export interface LineBatch {
  /** Decoded lines without their line endings. */
  lines: string[];
  /** 1-based number of lines[0] in the file. */
  firstLine: number;
}

export interface LineStats {
  lines: number;
  /** Lines decoded as Windows-1252 because their bytes were not valid UTF-8. */
  windows1252Lines: number;
}

/** True when the file starts with the gzip magic bytes 1f 8b (the name is not trusted). */
export async function isGzipFile(filePath: string): Promise<boolean> {
  const handle = await open(filePath, "r");
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

async function openTextStream(filePath: string): Promise<Readable> {
  const raw = createReadStream(filePath, { highWaterMark: CHUNK_BYTES });
  const stream: Readable = (await isGzipFile(filePath))
    ? pipeline(raw, createGunzip({ chunkSize: CHUNK_BYTES }), () => {
        // Errors surface through the iterator of the returned stream.
      })
    : raw;
  // latin1 maps each byte to one char, so no byte sequence is lost before decodeLatin1Line.
  stream.setEncoding("latin1");
  return stream;
}

/** The stream's chunks; a zlib failure (corrupt or truncated gzip) becomes a FaersFileError. */
async function* readDecompressed(stream: Readable, filePath: string, nextLine: () => number): AsyncGenerator<string> {
  try {
    for await (const chunk of stream as AsyncIterable<string>) yield chunk;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("Z_")) {
      throw new FaersFileError(displayName(filePath), nextLine(), `cannot decompress the gzip file: ${(error as Error).message}`);
    }
    throw error;
  }
}

/** The file's lines in batches (one per chunk read). `stats` is updated as batches are yielded. */
export async function* readLineBatches(filePath: string, stats?: LineStats): AsyncGenerator<LineBatch> {
  const stream = await openTextStream(filePath);
  let carry = "";
  let lineNumber = 0;
  const decode = (raw: string): string => {
    const text = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    const decoded = decodeLatin1Line(text);
    if (decoded.encoding === "windows-1252" && stats) stats.windows1252Lines += 1;
    return decoded.text;
  };
  try {
    for await (const chunk of readDecompressed(stream, filePath, () => lineNumber + 1)) {
      const parts = (carry + chunk).split("\n");
      carry = parts.pop() ?? "";
      if (carry.length > MAX_LINE_CHARS) {
        throw new FaersFileError(displayName(filePath), lineNumber + parts.length + 1, `line longer than ${MAX_LINE_CHARS} characters`);
      }
      if (parts.length === 0) continue;
      const firstLine = lineNumber + 1;
      const lines = parts.map(decode);
      lineNumber += lines.length;
      if (stats) stats.lines = lineNumber;
      yield { lines, firstLine };
    }
    if (carry !== "") {
      lineNumber += 1;
      if (stats) stats.lines = lineNumber;
      yield { lines: [decode(carry)], firstLine: lineNumber };
    }
  } finally {
    stream.destroy();
  }
}

/** Display name of a file for messages: its base name, never the server path. */
export function displayName(filePath: string): string {
  return path.basename(filePath);
}
