/**
 * JSON from request bytes, or the message a person can act on. Pure, so a worker thread can parse a
 * large body off the event loop with the same messages as lib/api/read-body.
 */
export function decodeJson(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false; message: string } {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  if (text.trim() === "") return { ok: false, message: "The request body is empty; send a JSON object." };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: `The request body is not valid JSON: ${error instanceof Error ? error.message : "parse error"}` };
  }
}
