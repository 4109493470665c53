import { fitMgpsPrior, type MgpsFit, type MgpsPoint } from "@/lib/analytics/disproportionality";

/** MGPS cells as two columns (N, E): typed arrays move to the worker without copying a million objects. */
export type MgpsPriorTaskInput = { n: Float64Array; e: Float64Array };

/** The prior fitted over every cell, or why it could not be (a fact about the data, kept as the answer). */
export type MgpsPriorTaskOutput = { ok: true; fit: MgpsFit } | { ok: false; message: string };

export function mgpsPriorTask(input: MgpsPriorTaskInput): MgpsPriorTaskOutput {
  const points: MgpsPoint[] = new Array<MgpsPoint>(input.n.length);
  for (let i = 0; i < input.n.length; i += 1) points[i] = { n: input.n[i] ?? 0, e: input.e[i] ?? 0 };
  try {
    return { ok: true, fit: fitMgpsPrior(points) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
