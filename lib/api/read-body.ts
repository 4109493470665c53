import { AppError } from "@/lib/errors/app-error";
import { decodeJson } from "@/lib/http/decode-json";

/** Reads a request body up to `maxBytes`, refusing larger ones before and while reading them. */
export async function readBodyBytes(req: Request, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () =>
    new AppError({
      code: "payload_too_large",
      message: `The request body is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; send less data per request.`,
      details: { maxBytes },
    });
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** The bytes of a JSON body (content type checked, size capped), for parsing elsewhere (e.g. in a worker). */
export async function readJsonBodyBytes(req: Request, maxBytes: number): Promise<Uint8Array> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError({
      code: "unsupported_media_type",
      message: `Send the body as JSON with "Content-Type: application/json" (got "${type || "none"}").`,
    });
  }
  return readBodyBytes(req, maxBytes);
}

/** Parses a JSON body; a non-JSON content type or unreadable JSON is a 4xx a person can act on. */
export async function readJsonBody(req: Request, maxBytes: number): Promise<unknown> {
  const decoded = decodeJson(await readJsonBodyBytes(req, maxBytes));
  if (!decoded.ok) throw new AppError({ code: "invalid_input", message: decoded.message });
  return decoded.value;
}
