import type { TwoByTwoTable } from "./types";

/**
 * Expected count of reports with the drug and the event under independence of drug and event:
 * E₀ = (a+b)(a+c)/N, N = a+b+c+d. Units: reports (not necessarily an integer).
 *
 * Edge cases: N = 0 → `null` (no reports, nothing is expected). A zero margin gives E₀ = 0.
 * This is the unstratified E₀ of the table; stratified expected counts (summed over strata) come from
 * `buildContingencySet`.
 */
export function computeExpectedCount(table: TwoByTwoTable): number | null {
  const n = table.a + table.b + table.c + table.d;
  if (n === 0) return null;
  return ((table.a + table.b) * (table.a + table.c)) / n;
}
