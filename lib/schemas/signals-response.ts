import { z } from "zod";
import { provenanceSchema } from "@/lib/schemas/faers-response";

// Response contract for GET /api/faers/signals: per reaction term, the 2×2 table and every measure.

const ratioSchema = z.object({ value: z.number(), lower95: z.number(), upper95: z.number(), seLog: z.number() });
const flagSchema = z.union([z.object({ signal: z.literal(true) }), z.object({ signal: z.literal(false), reason: z.string() })]);

/** EB05 ≥ 2 is the usual MGPS signal rule. qn: posterior weight of the prior's first gamma component. */
const ebgmSchema = z.object({ value: z.number(), eb05: z.number(), eb95: z.number(), qn: z.number() });

/** The four counts of a term disagree (e.g. a above the event's total): no table and no measures. */
const inconsistentSchema = z.object({
  margins: z.object({ a: z.number(), drugReports: z.number(), eventReports: z.number(), allReports: z.number() }),
  reasons: z.array(z.object({ code: z.string(), message: z.string() })).min(1),
});

export const signalRowSchema = z.object({
  event: z.string(),
  /** null only when `inconsistent` is present. */
  table: z.object({ a: z.number(), b: z.number(), c: z.number(), d: z.number() }).nullable(),
  total: z.number().nullable(),
  expected: z.number().nullable(),
  prr: ratioSchema.nullable(),
  chiSquare: z.object({ yates: z.number(), uncorrected: z.number() }).nullable(),
  ror: ratioSchema.nullable(),
  ic: z.object({ value: z.number(), ic025: z.number(), ic975: z.number() }).nullable(),
  bcpnnGould: z.object({ value: z.number(), sd: z.number(), ic025: z.number(), ic975: z.number() }).nullable(),
  nullReasons: z.record(z.string(), z.string()),
  flags: z.object({ evans: flagSchema, ror: flagSchema, ic: flagSchema, bcpnnGould: flagSchema }),
  method: z.record(z.string(), z.unknown()),
  /** MGPS empirical Bayes geometric mean with its 5th/95th posterior percentiles; null where the source cannot fit the prior. */
  ebgm: ebgmSchema.nullable(),
  /** Why ebgm is null, or how it was computed. */
  ebgmReason: z.string(),
  /** Present only when the margins disagree; then every measure is null with reason inconsistent_margins. */
  inconsistent: inconsistentSchema.optional(),
}).refine((row) => (row.table === null) === (row.inconsistent !== undefined), {
  message: "a signal row has a table exactly when its margins are consistent",
});

export const signalsResponseSchema = z.object({
  product: z.object({ kind: z.enum(["drug", "device", "productCode"]), name: z.string() }),
  roleCaveat: z.string(),
  totals: z.object({ drugReports: z.number(), allReports: z.number() }),
  signals: z.array(signalRowSchema),
  provenance: provenanceSchema,
});

export type SignalEbgm = z.infer<typeof ebgmSchema>;
export type SignalRow = z.infer<typeof signalRowSchema>;
export type SignalsResponse = z.infer<typeof signalsResponseSchema>;
