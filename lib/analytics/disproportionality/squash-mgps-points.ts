import { prepareMgpsLikelihoodData, type MgpsLikelihoodData } from "./mgps-likelihood";
import type { MgpsPoint } from "./mgps-types";

export interface SquashMgpsPointsOptions {
  /** Width of the bins on the ln E scale; 0.05 means cells whose E differ by < ~5% can share a bin. */
  logEBinWidth: number;
}

/**
 * {@link squashMgpsPoints} on already prepared (validated, sorted, merged) cells; linear time.
 */
export function squashMgpsLikelihoodData(data: MgpsLikelihoodData, options: SquashMgpsPointsOptions): MgpsPoint[] {
  const width = options.logEBinWidth;
  if (!(width > 0) || !Number.isFinite(width)) throw new RangeError(`logEBinWidth must be finite and > 0 (got ${width}).`);
  const squashed: MgpsPoint[] = [];
  let n = Number.NaN;
  let bin = Number.NaN;
  let weight = 0;
  let weightedE = 0;
  const flush = () => {
    if (weight > 0) squashed.push({ n, e: weightedE / weight, weight });
  };
  // `data` is sorted by N, then by E, so each (N, bin) run is contiguous.
  for (let i = 0; i < data.n.length; i++) {
    const pointN = data.n[i]!;
    const pointBin = Math.floor(data.logE[i]! / width);
    const w = data.weight[i]!;
    if (pointN !== n || pointBin !== bin) {
      flush();
      n = pointN;
      bin = pointBin;
      weight = 0;
      weightedE = 0;
    }
    weight += w;
    weightedE += w * data.e[i]!;
  }
  flush();
  return squashed;
}

/**
 * Data squashing for the MGPS hyperparameter fit (DuMouchel et al. 2001; openEBGM `squashData`): cells
 * with the same N whose E fall in the same bin of width `logEBinWidth` on the ln E scale become one point
 * with the summed weight and the weight-averaged E. Unlike openEBGM's fixed number of points per bin,
 * the bins here have a fixed relative width, so every merged E is within a factor e^width of the cells
 * it stands for. Approximate: use it only to make the fit affordable on very large tables.
 * Output order: by N, then by E.
 * @throws RangeError for an invalid width or invalid cells (see `prepareMgpsLikelihoodData`).
 */
export function squashMgpsPoints(points: readonly MgpsPoint[], options: SquashMgpsPointsOptions): MgpsPoint[] {
  if (!(options.logEBinWidth > 0) || !Number.isFinite(options.logEBinWidth)) {
    throw new RangeError(`logEBinWidth must be finite and > 0 (got ${options.logEBinWidth}).`);
  }
  return squashMgpsLikelihoodData(prepareMgpsLikelihoodData(points), options);
}
