import { computeBcpnnGould } from "./bcpnn-gould";
import { computeChiSquare } from "./chi-square";
import { HALDANE_CORRECTION } from "./constants";
import { computeExpectedCount } from "./expected-count";
import { computeInformationComponent } from "./information-component";
import { computePrr } from "./prr";
import { computeRor } from "./ror";
import { computeEvansFlag, computeIcFlag, computeRorFlag } from "./signal-flags";
import type {
  BcpnnGouldEstimate,
  ChiSquareEstimate,
  IcEstimate,
  MeasureNullReason,
  MeasureResult,
  RatioEstimate,
  SignalFlag,
  TwoByTwoTable,
} from "./types";
import { assertValidTable } from "./validate-table";

export interface ComputeMeasuresOptions {
  /**
   * Add ½ to every cell before computing PRR and ROR (Haldane–Anscombe), so that zero cells give finite
   * values. Off by default; when on, `method.prr`/`method.ror` say so and the Evans and ROR flags use the
   * corrected values. χ², IC and BCPNN always use the raw counts.
   */
  haldane?: boolean;
}

/** Which method and parameters produced each number, in words a reviewer can check. */
export interface MeasuresMethod {
  expected: string;
  prr: string;
  chiSquare: string;
  ror: string;
  ic: string;
  bcpnnGould: string;
  flags: { evans: string; ror: string; ic: string; bcpnnGould: string };
  haldane: boolean;
}

/** Everything {@link computeMeasures} returns; `null` measures carry their reason in `nullReasons`. */
export interface DisproportionalityMeasures {
  table: TwoByTwoTable;
  /** N = a+b+c+d, reports. */
  total: number;
  /** E₀ = (a+b)(a+c)/N, reports; `null` when N = 0. */
  expected: number | null;
  prr: RatioEstimate | null;
  chiSquare: ChiSquareEstimate | null;
  ror: RatioEstimate | null;
  ic: IcEstimate | null;
  bcpnnGould: BcpnnGouldEstimate | null;
  /** Reason for each measure above that is `null`; absent keys mean the measure exists. */
  nullReasons: Partial<Record<"expected" | "prr" | "chiSquare" | "ror" | "ic" | "bcpnnGould", MeasureNullReason>>;
  flags: { evans: SignalFlag; ror: SignalFlag; ic: SignalFlag; bcpnnGould: SignalFlag };
  method: MeasuresMethod;
}

const METHOD_BASE = {
  expected: "E0 = (a+b)(a+c)/N, unstratified, reports",
  chiSquare:
    "Pearson chi-square, 1 df, with Yates continuity correction (capped at |ad-bc|, as R chisq.test(correct=TRUE)) and without; the Evans rule uses the Yates value",
  ic: "Norén 2006 shrinkage IC = log2((a+0.5)/(E0+0.5)); IC025/IC975 = log2 of exact Gamma(shape a+0.5, rate E0+0.5) quantiles 0.025/0.975",
  bcpnnGould:
    "Bate 1998 BCPNN with Gould 2003 digamma/trigamma posterior moments (as PhViD::BCPNN, MC=FALSE); IC025/IC975 = E[IC] -/+ 1.96 SD",
  flags: {
    evans: "Evans 2001: PRR >= 2 and Yates chi-square >= 4 and a >= 3 (PRR = +Inf when c = 0 counts as >= 2)",
    ror: "ROR lower 95% bound > 1 and a >= 3",
    ic: "IC025 > 0 and a >= 3",
    bcpnnGould: "BCPNN (Gould) IC025 > 0 and a >= 3",
  },
} as const;

/** The method text of every table measured without the Haldane correction (the default). */
export const MEASURES_METHOD: MeasuresMethod = {
  ...METHOD_BASE,
  prr: "Evans 2001: PRR = [a/(a+b)]/[c/(c+d)]; 95% CI exp(ln PRR -/+ 1.96 SE), SE = sqrt(1/a - 1/(a+b) + 1/c - 1/(c+d))",
  ror: "van Puijenbroek 2002: ROR = ad/(bc); Woolf 95% CI exp(ln ROR -/+ 1.96 SE), SE = sqrt(1/a + 1/b + 1/c + 1/d)",
  haldane: false,
};

const METHOD_HALDANE: MeasuresMethod = {
  ...METHOD_BASE,
  prr: `${MEASURES_METHOD.prr}; Haldane-Anscombe +0.5 added to every cell`,
  ror: `${MEASURES_METHOD.ror}; Haldane-Anscombe +0.5 added to every cell`,
  haldane: true,
};

function withHaldane(table: TwoByTwoTable): TwoByTwoTable {
  return {
    a: table.a + HALDANE_CORRECTION,
    b: table.b + HALDANE_CORRECTION,
    c: table.c + HALDANE_CORRECTION,
    d: table.d + HALDANE_CORRECTION,
  };
}

const valueOrNull = <T>(result: MeasureResult<T>): T | null => (result.ok ? result.value : null);

/**
 * All closed-form disproportionality measures of one drug–event 2×2 table of de-duplicated report
 * counts, with signal flags and a plain statement of each method (see analytics.md §3):
 * - E₀ = (a+b)(a+c)/N
 * - PRR with 95% CI (Evans 2001, log-normal), see `computePrr`
 * - χ² with and without Yates' correction; the Evans rule uses Yates, see `computeChiSquare`
 * - ROR with Woolf 95% CI, see `computeRor`
 * - Norén shrinkage IC with exact gamma-quantile IC025/IC975, see `computeInformationComponent`
 * - BCPNN IC with Gould's closed-form moments, see `computeBcpnnGould`
 * - flags: Evans (PRR ≥ 2, Yates χ² ≥ 4, a ≥ 3), ROR (ROR025 > 1, a ≥ 3), IC (IC025 > 0, a ≥ 3),
 *   BCPNN (IC025 > 0, a ≥ 3). With a < 3 every measure is still computed where defined, and every flag is
 *   `{ signal: false, reason: "a_below_3" }`.
 *
 * Never returns NaN or ±Infinity: a measure that does not exist is `null` and `nullReasons` says why
 * (`c_is_zero` = PRR infinite, `b_is_zero` = ROR infinite, `a_is_zero`, `empty_table`, zero margins).
 *
 * @throws InvalidTableError if a cell is missing, negative, non-integer or not finite (see `validateTable`).
 */
export function computeMeasures(input: TwoByTwoTable, options: ComputeMeasuresOptions = {}): DisproportionalityMeasures {
  const table = assertValidTable(input);
  const haldane = options.haldane === true;
  const ratioTable = haldane ? withHaldane(table) : table;

  const expected = computeExpectedCount(table);
  const prr = computePrr(ratioTable);
  const chiSquare = computeChiSquare(table);
  const ror = computeRor(ratioTable);
  const ic = computeInformationComponent(table);
  const bcpnnGould = computeBcpnnGould(table);

  const nullReasons: DisproportionalityMeasures["nullReasons"] = {};
  if (expected === null) nullReasons.expected = "empty_table";
  if (!prr.ok) nullReasons.prr = prr.reason;
  if (!chiSquare.ok) nullReasons.chiSquare = chiSquare.reason;
  if (!ror.ok) nullReasons.ror = ror.reason;
  if (!ic.ok) nullReasons.ic = ic.reason;
  if (!bcpnnGould.ok) nullReasons.bcpnnGould = bcpnnGould.reason;

  return {
    table,
    total: table.a + table.b + table.c + table.d,
    expected,
    prr: valueOrNull(prr),
    chiSquare: valueOrNull(chiSquare),
    ror: valueOrNull(ror),
    ic: valueOrNull(ic),
    bcpnnGould: valueOrNull(bcpnnGould),
    nullReasons,
    flags: {
      evans: computeEvansFlag(table.a, prr, chiSquare),
      ror: computeRorFlag(table.a, ror),
      ic: computeIcFlag(table.a, ic),
      bcpnnGould: computeIcFlag(table.a, bcpnnGould),
    },
    method: haldane ? METHOD_HALDANE : MEASURES_METHOD,
  };
}
