import { CronExpressionParser } from "cron-parser";
import { z } from "zod";

// Cron slots (UTC) for cron-triggered job definitions. A slot is the instant a cron expression names
// ("0 6 * * *" → 06:00:00Z each day); a run of a cron definition is the run of one slot, so its data
// (the same on both providers) is that slot, and its idempotency key is the slot too.

/** The data a cron definition's run gets: the slot it runs for, as an ISO instant. */
export const cronRunDataSchema = z.object({ slot: z.string() });
export type CronRunData = z.output<typeof cronRunDataSchema>;

/** The latest slot at or before `at` (a slot exactly at `at` is due); null for an expression with none. */
export function latestDueSlot(cron: string, at: Date): Date | null {
  // prev() is strictly before its start: start 1 ms later, so a slot exactly at `at` counts.
  const expression = CronExpressionParser.parse(cron, { currentDate: new Date(at.getTime() + 1), tz: "UTC" });
  if (!expression.hasPrev()) return null;
  return expression.prev().toDate();
}

/** The time between the two latest slots at or before `at`: about the expression's period there. */
export function slotGapMs(cron: string, at: Date): number | null {
  const expression = CronExpressionParser.parse(cron, { currentDate: new Date(at.getTime() + 1), tz: "UTC" });
  if (!expression.hasPrev()) return null;
  const last = expression.prev().getTime();
  if (!expression.hasPrev()) return null;
  return last - expression.prev().getTime();
}

/** Throws a message naming the expression when it does not parse. */
export function assertCron(cron: string): void {
  try {
    CronExpressionParser.parse(cron, { tz: "UTC" });
  } catch (error) {
    throw new Error(`"${cron}" is not a cron expression: ${error instanceof Error ? error.message : String(error)}`);
  }
}
