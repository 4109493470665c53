/** Options of {@link minimizeNelderMead}. */
export interface NelderMeadOptions {
  /** Per-coordinate lower bounds (may be -Infinity). Trial points are projected into the box. */
  lower: readonly number[];
  /** Per-coordinate upper bounds (may be +Infinity). */
  upper: readonly number[];
  /** Initial simplex edge per coordinate (the start plus one step along each axis). */
  step: readonly number[];
  /** Maximum objective evaluations. Default 2000. */
  maxEvaluations?: number;
  /** Stop when the simplex's objective values span less than `tolerance·(|f_best| + tolerance)`. Default 1e-10. */
  tolerance?: number;
}

export interface NelderMeadResult {
  x: number[];
  value: number;
  evaluations: number;
}

/**
 * Bounded Nelder–Mead (Lagarias et al. 1998 coefficients: reflection 1, expansion 2, contraction ½,
 * shrink ½). Bounds are enforced by projecting every trial point onto the box, so the objective is never
 * called outside it; an objective may still return +Infinity for infeasible points (treated as worst).
 * Deterministic: no randomness, no clock.
 */
export function minimizeNelderMead(
  objective: (x: readonly number[]) => number,
  start: readonly number[],
  options: NelderMeadOptions,
): NelderMeadResult {
  const n = start.length;
  const maxEvaluations = options.maxEvaluations ?? 2000;
  const tolerance = options.tolerance ?? 1e-10;
  const clamp = (x: number[]): number[] =>
    x.map((v, i) => Math.min(options.upper[i] ?? Infinity, Math.max(options.lower[i] ?? -Infinity, v)));
  let evaluations = 0;
  const evaluate = (x: number[]): number => {
    evaluations++;
    const value = objective(x);
    return Number.isNaN(value) ? Infinity : value;
  };

  const first = clamp([...start]);
  const points: number[][] = [first];
  for (let i = 0; i < n; i++) {
    const p = [...first];
    const step = options.step[i] ?? 0.1;
    // Step inward when the start sits on the upper bound, so the simplex is not degenerate.
    p[i] = (p[i] ?? 0) + ((p[i] ?? 0) + step > (options.upper[i] ?? Infinity) ? -step : step);
    points.push(clamp(p));
  }
  const values = points.map(evaluate);

  const combine = (a: number[], b: number[], t: number): number[] => clamp(a.map((v, i) => v + t * ((b[i] ?? 0) - v)));
  while (evaluations < maxEvaluations) {
    const order = values.map((_, i) => i).sort((a, b) => (values[a] ?? 0) - (values[b] ?? 0));
    const sorted = order.map((i) => points[i] as number[]);
    const sortedValues = order.map((i) => values[i] as number);
    points.splice(0, points.length, ...sorted);
    values.splice(0, values.length, ...sortedValues);
    const best = values[0] as number;
    const worst = values[n] as number;
    if (Number.isFinite(worst) && worst - best <= tolerance * (Math.abs(best) + tolerance)) break;

    const centroid = new Array<number>(n).fill(0);
    for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) centroid[i] = (centroid[i] ?? 0) + (points[j]?.[i] ?? 0) / n;
    const worstPoint = points[n] as number[];
    const reflected = combine(centroid, worstPoint, -1);
    const fr = evaluate(reflected);
    if (fr < best) {
      const expanded = combine(centroid, worstPoint, -2);
      const fe = evaluate(expanded);
      [points[n], values[n]] = fe < fr ? [expanded, fe] : [reflected, fr];
    } else if (fr < (values[n - 1] as number)) {
      [points[n], values[n]] = [reflected, fr];
    } else {
      const outside = fr < worst;
      const contracted = combine(centroid, outside ? reflected : worstPoint, 0.5);
      const fc = evaluate(contracted);
      if (fc < (outside ? fr : worst)) {
        [points[n], values[n]] = [contracted, fc];
      } else {
        for (let j = 1; j <= n; j++) {
          points[j] = combine(points[0] as number[], points[j] as number[], 0.5);
          values[j] = evaluate(points[j] as number[]);
        }
      }
    }
  }
  let bestIndex = 0;
  for (let j = 1; j <= n; j++) if ((values[j] as number) < (values[bestIndex] as number)) bestIndex = j;
  return { x: points[bestIndex] as number[], value: values[bestIndex] as number, evaluations };
}
