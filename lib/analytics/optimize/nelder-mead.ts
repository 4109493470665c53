export interface NelderMeadOptions {
  /** Lower bound per coordinate; trial points are projected onto the box [lower, upper]. */
  lower?: readonly number[];
  /** Upper bound per coordinate. */
  upper?: readonly number[];
  /** Edge length of the initial simplex, one number or one per coordinate. Default 0.5. */
  initialStep?: number | readonly number[];
  /** Stop after this many objective evaluations. Default 400 × dimension. */
  maxEvaluations?: number;
  /** Converged when max f − min f over the simplex ≤ fTolerance·(1 + |min f|). Default 1e-10. */
  fTolerance?: number;
  /** …and every vertex is within xTolerance of the best (max-norm). Default 1e-8. */
  xTolerance?: number;
}

export interface NelderMeadResult {
  x: number[];
  value: number;
  evaluations: number;
  iterations: number;
  converged: boolean;
  stopReason: "tolerance" | "max_evaluations" | "non_finite_start";
}

/**
 * Minimises `objective` with the Nelder–Mead simplex method (Lagarias et al. 1998 coefficients:
 * reflection 1, expansion 2, contraction ½, shrink ½), restricted to a box by projecting every trial point
 * onto [lower, upper]. Non-finite objective values count as +∞, so the simplex walks away from them.
 * Derivative-free and deterministic. Use on a transformed scale (log, logit) where the box is natural.
 */
export function minimizeNelderMead(
  objective: (x: readonly number[]) => number,
  start: readonly number[],
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const dim = start.length;
  const lower = options.lower ?? start.map(() => Number.NEGATIVE_INFINITY);
  const upper = options.upper ?? start.map(() => Number.POSITIVE_INFINITY);
  const maxEvaluations = options.maxEvaluations ?? 400 * dim;
  const fTolerance = options.fTolerance ?? 1e-10;
  const xTolerance = options.xTolerance ?? 1e-8;
  const step = (i: number) => {
    const s = options.initialStep ?? 0.5;
    return typeof s === "number" ? s : (s[i] ?? 0.5);
  };
  const project = (x: number[]) => x.map((v, i) => Math.min(upper[i] ?? Infinity, Math.max(lower[i] ?? -Infinity, v)));
  let evaluations = 0;
  const evaluate = (x: number[]) => {
    evaluations += 1;
    const f = objective(x);
    return Number.isFinite(f) ? f : Number.POSITIVE_INFINITY;
  };

  const x0 = project([...start]);
  const f0 = evaluate(x0);
  if (f0 === Number.POSITIVE_INFINITY) {
    return { x: x0, value: f0, evaluations, iterations: 0, converged: false, stopReason: "non_finite_start" };
  }
  const simplex: { x: number[]; f: number }[] = [{ x: x0, f: f0 }];
  for (let i = 0; i < dim; i++) {
    const x = [...x0];
    const s = step(i);
    // Step away from a bound that would collapse the vertex onto x0.
    x[i] = (x0[i] ?? 0) + ((x0[i] ?? 0) + s > (upper[i] ?? Infinity) ? -s : s);
    const projected = project(x);
    simplex.push({ x: projected, f: evaluate(projected) });
  }

  const combine = (centroid: number[], worst: number[], t: number) =>
    project(centroid.map((c, i) => c + t * ((worst[i] ?? 0) - c)));

  let iterations = 0;
  for (;;) {
    simplex.sort((p, q) => p.f - q.f);
    const best = simplex[0]!;
    const worst = simplex[dim]!;
    const fSpread = worst.f - best.f;
    let xSpread = 0;
    for (const vertex of simplex) {
      for (let i = 0; i < dim; i++) xSpread = Math.max(xSpread, Math.abs((vertex.x[i] ?? 0) - (best.x[i] ?? 0)));
    }
    if (fSpread <= fTolerance * (1 + Math.abs(best.f)) && xSpread <= xTolerance) {
      return { x: best.x, value: best.f, evaluations, iterations, converged: true, stopReason: "tolerance" };
    }
    if (evaluations >= maxEvaluations) {
      return { x: best.x, value: best.f, evaluations, iterations, converged: false, stopReason: "max_evaluations" };
    }
    iterations += 1;

    const centroid = new Array<number>(dim).fill(0);
    for (let v = 0; v < dim; v++) for (let i = 0; i < dim; i++) centroid[i]! += (simplex[v]!.x[i] ?? 0) / dim;

    const secondWorst = simplex[dim - 1]!;
    const reflected = combine(centroid, worst.x, -1);
    const fReflected = evaluate(reflected);
    if (fReflected < best.f) {
      const expanded = combine(centroid, worst.x, -2);
      const fExpanded = evaluate(expanded);
      simplex[dim] = fExpanded < fReflected ? { x: expanded, f: fExpanded } : { x: reflected, f: fReflected };
      continue;
    }
    if (fReflected < secondWorst.f) {
      simplex[dim] = { x: reflected, f: fReflected };
      continue;
    }
    const outside = fReflected < worst.f;
    const contracted = combine(centroid, worst.x, outside ? -0.5 : 0.5);
    const fContracted = evaluate(contracted);
    if (fContracted < (outside ? fReflected : worst.f)) {
      simplex[dim] = { x: contracted, f: fContracted };
      continue;
    }
    for (let v = 1; v <= dim; v++) {
      const x = project(best.x.map((b, i) => b + 0.5 * ((simplex[v]!.x[i] ?? 0) - b)));
      simplex[v] = { x, f: evaluate(x) };
    }
  }
}
