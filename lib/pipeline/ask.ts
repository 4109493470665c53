import { invalidInput } from "@/lib/errors/app-error";

/**
 * Who is asking, for the openFDA budget (a per-caller share of the process-wide rate): a signed-in
 * user, a report job on behalf of its owner, or the scheduled scanner.
 */
export type Caller = `user:${string}` | `job:${string}` | "scan";

/** What every question carries besides its query. */
export type Ask = {
  caller: Caller;
  /**
   * Answer as of this date (ISO): caps `to` and "today". openFDA keeps no past states, so only a
   * stored snapshot is reproducible; this makes the same request ask the same question later.
   */
  asOf?: string;
};

/** What a product source sees of the ask: the caller and the (capped) date that ends open ranges. */
export type SourceContext = { caller: Caller; today: string };

const minDate = (a: string, b: string) => (a < b ? a : b);

/** The query with `to` capped at the as-of date, and the source context; `from` after the cap is bad input. */
export function scopeAsk<Q extends { from?: string | undefined; to?: string | undefined }>(
  query: Q,
  ask: Ask,
  today: string,
): { query: Q; ctx: SourceContext } {
  if (ask.asOf === undefined) return { query, ctx: { caller: ask.caller, today } };
  const to = minDate(query.to ?? ask.asOf, ask.asOf);
  if (query.from !== undefined && query.from > to) {
    throw invalidInput(`from (${query.from}) is after the as-of date (${ask.asOf}); choose an earlier from.`, { parameter: "from" });
  }
  return { query: { ...query, to }, ctx: { caller: ask.caller, today: minDate(today, ask.asOf) } };
}

/** The ask of a signed-in user's request (routes and server actions). */
export function askOfUser(user: { userId: string }): Ask {
  return { caller: `user:${user.userId}` };
}
