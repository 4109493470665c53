import type { PipelineAnswer } from "@/lib/pipeline/answer";

/** A pipeline answer as JSON, sent as its cached bytes: says HIT/MISS/STALE; browsers may reuse it briefly. */
export function cachedJson(answer: PipelineAnswer<unknown>): Response {
  return new Response(answer.json, {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "x-cache": answer.cache,
      "cache-control": "private, max-age=60, stale-while-revalidate=300",
    },
  });
}
