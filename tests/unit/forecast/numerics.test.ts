// The numerical building blocks, each against an independent computation.
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { Matrix, solve } from "ml-matrix";
import { describe, expect, test } from "vitest";
import { isAdmissible, rootsWithinRadius } from "@/lib/analytics/forecast/ets-admissible";
import { evaluateEtsModel } from "@/lib/analytics/forecast/ets-fit";
import { quantilesType7 } from "@/lib/analytics/forecast/ets-intervals";
import { createLinearProfile } from "@/lib/analytics/forecast/ets-linear-profile";
import { parseModelCode, type EtsModelCode } from "@/lib/analytics/forecast/ets-model";
import { runEtsPass } from "@/lib/analytics/forecast/ets-recursion";
import { minimizeLeastSquares } from "@/lib/analytics/forecast/levenberg-marquardt";
import { minimizeNelderMead } from "@/lib/analytics/forecast/optimize-nelder-mead";
import { createNormalStream } from "@/lib/analytics/forecast/prng";

/**
 * Coefficients (constant term first, monic) of the polynomial with the given roots: real roots r, and
 * complex pairs ρ·e^{±iθ} giving z² − 2ρcosθ·z + ρ². The roots are known by construction, so the test
 * needs no root finder (ml-matrix's eigenvalue solver looped forever on some random companion matrices).
 */
function polynomialFromRoots(real: readonly number[], pairs: readonly { rho: number; theta: number }[]): number[] {
  let coefficients = [1];
  const multiply = (factor: number[]) => {
    const out = new Array<number>(coefficients.length + factor.length - 1).fill(0);
    coefficients.forEach((a, i) => factor.forEach((b, j) => (out[i + j]! += a * b)));
    coefficients = out;
  };
  for (const r of real) multiply([-r, 1]);
  for (const { rho, theta } of pairs) multiply([rho * rho, -2 * rho * Math.cos(theta), 1]);
  return coefficients;
}

describe("admissibility (Schur–Cohn) against polynomials with known roots", () => {
  test("agrees with roots chosen by construction, degree 1–25, away from the unit circle", () => {
    const modulus = fc.double({ min: 0.05, max: 1.8, noNaN: true }).filter((r) => Math.abs(r - 1) > 1e-3);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(modulus, fc.boolean()), { minLength: 0, maxLength: 9 }),
        fc.array(fc.record({ rho: modulus, theta: fc.double({ min: 0.1, max: 3.0, noNaN: true }) }), { minLength: 0, maxLength: 8 }),
        (realRoots, pairs) => {
          fc.pre(realRoots.length + pairs.length > 0);
          const real = realRoots.map(([r, negative]) => (negative ? -r : r));
          const largest = Math.max(...real.map(Math.abs), ...pairs.map((p) => p.rho));
          expect(rootsWithinRadius(polynomialFromRoots(real, pairs), 1)).toBe(largest < 1);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  test.each([
    ["ANA", 12, { alpha: 0.3, beta: 0, gamma: 0.2, phi: 1 }, true],
    ["AAdA", 12, { alpha: 0.5, beta: 0.1, gamma: 0.3, phi: 0.9 }, true],
    // R: forecast:::admissible(0.9, 0.9, 0.1, 1, 4) is TRUE (checked with forecast 8.x from Debian).
    ["AAA", 4, { alpha: 0.9, beta: 0.9, gamma: 0.1, phi: 1 }, true],
    // Outside: β above (1 + φ)(2 − α) for a non-seasonal damped trend (Hyndman et al. 2008, §10.2).
    ["AAdN", 1, { alpha: 0.5, beta: 3, gamma: 0, phi: 0.9 }, false],
    ["ANN", 1, { alpha: 0.9999, beta: 0, gamma: 0, phi: 1 }, true],
  ] as const)("%s (m = %d) %j → %s", (code, m, smoothing, expected) => {
    expect(isAdmissible(parseModelCode(code), m, smoothing)).toBe(expected);
  });

});

describe("admissibility against R", () => {
  // tests/fixtures/forecast/make-admissible-reference.R: forecast:::admissible() on 400 random seasonal
  // parameter sets, inside and outside the usual region. Cases within 1e-6 of the unit circle are skipped.
  const reference = JSON.parse(readFileSync(path.join(__dirname, "../../fixtures/forecast/admissible-reference.json"), "utf8")) as {
    cases: { m: number; alpha: number; beta: number; gamma: number; phi: number; admissible: boolean; margin: number }[];
  };
  test("agrees with R forecast's admissible() on every case clear of the boundary", () => {
    const clear = reference.cases.filter((c) => c.margin > 1e-6);
    expect(clear.length).toBeGreaterThan(390);
    expect(new Set(clear.map((c) => c.admissible))).toEqual(new Set([true, false]));
    for (const c of clear) {
      const code = c.phi === 1 ? "AAA" : "AAdA";
      expect({ ...c, ours: isAdmissible(parseModelCode(code), c.m, c) }).toMatchObject({ ours: c.admissible });
    }
  });
});

describe("profile likelihood of linear models", () => {
  const y = Float64Array.from({ length: 60 }, (_, t) => 100 + 2 * t + 15 * Math.sin((2 * Math.PI * t) / 12) + 7 * Math.sin(t * 1.3) + (t % 5));

  /** Brute force: build Z column by column (one pass per state) and solve the normal equations. */
  function bruteForce(code: EtsModelCode, m: number, smoothing: { alpha: number; beta: number; gamma: number; phi: number }) {
    const spec = parseModelCode(code);
    const mm = spec.season === "N" ? 1 : m;
    const errors = (data: Float64Array, level: number, trend: number, seasonal: number[]) => {
      const out = new Float64Array(data.length);
      runEtsPass(data, spec, mm, smoothing, level, trend, Float64Array.from(seasonal.length ? seasonal : [0]), { errors: out });
      return Array.from(out);
    };
    const zeros = new Float64Array(y.length);
    const seasonalZero = spec.season === "N" ? [] : new Array<number>(m).fill(0);
    const e0 = errors(y, 0, 0, seasonalZero);
    const columns = [errors(zeros, 1, 0, seasonalZero)];
    if (spec.trend !== "N") columns.push(errors(zeros, 0, 1, seasonalZero));
    if (spec.season !== "N") {
      for (let p = 0; p < m - 1; p++) {
        const s = new Array<number>(m).fill(0);
        s[p] = 1;
        s[m - 1] = -1;
        columns.push(errors(zeros, 0, 0, s));
      }
    }
    const Z = new Matrix(y.length, columns.length);
    columns.forEach((col, j) => col.forEach((v, t) => Z.set(t, j, v)));
    const theta = solve(Z, Matrix.columnVector(e0.map((v) => -v)), true).to1DArray();
    const residual = e0.map((v, t) => v + columns.reduce((acc, col, j) => acc + col[t]! * theta[j]!, 0));
    return { theta, sse: residual.reduce((a, v) => a + v * v, 0) };
  }

  test.each([
    ["ANN", 1],
    ["AAdN", 1],
    ["ANA", 4],
    ["AAA", 12],
    ["AAdA", 12],
  ] as const)("%s (m = %d): states and Σe² equal a brute-force least-squares fit", (code, m) => {
    const smoothing = { alpha: 0.35, beta: 0.05, gamma: 0.2, phi: 0.93 };
    const fast = createLinearProfile(y, parseModelCode(code), m).solve(smoothing);
    const slow = bruteForce(code, m, smoothing);
    expect(Math.abs(fast.sse / slow.sse - 1)).toBeLessThan(1e-8);
    const free = [fast.initial.level, ...(code.includes("A", 1) && code[1] === "A" ? [fast.initial.trend] : []), ...fast.initial.seasonal.slice(0, -1)];
    free.forEach((v, i) => expect(Math.abs(v - slow.theta[i]!)).toBeLessThan(1e-6 * Math.max(1, Math.abs(v))));
    // And a full pass at those states gives the same Σe².
    const fit = evaluateEtsModel(Array.from(y), parseModelCode(code), m, smoothing, fast.initial)!;
    expect(Math.abs(Math.exp(-2 * fit.loglik / y.length) / fast.sse - 1)).toBeLessThan(1e-8);
  });
});

describe("optimisers", () => {
  test("bounded Nelder–Mead finds an interior minimum and one on a bound", () => {
    const interior = minimizeNelderMead((x) => (x[0]! - 0.3) ** 2 + 5 * (x[1]! - 0.7) ** 2, [0.5, 0.5], { lower: [0, 0], upper: [1, 1], step: [0.1, 0.1] });
    expect(interior.x[0]).toBeCloseTo(0.3, 4);
    expect(interior.x[1]).toBeCloseTo(0.7, 4);
    const onBound = minimizeNelderMead((x) => (x[0]! + 1) ** 2 + (x[1]! - 0.5) ** 2, [0.5, 0.2], { lower: [0, 0], upper: [1, 1], step: [0.1, 0.1] });
    expect(onBound.x[0]).toBeCloseTo(0, 4);
    expect(onBound.x[1]).toBeCloseTo(0.5, 4);
  });

  test("Nelder–Mead never evaluates outside the box and treats NaN as +∞", () => {
    const seen: number[][] = [];
    minimizeNelderMead(
      (x) => {
        seen.push([...x]);
        return x[0]! > 0.9 ? Number.NaN : (x[0]! - 2) ** 2;
      },
      [0.5],
      { lower: [0], upper: [1], step: [0.3], maxEvaluations: 200 },
    );
    expect(seen.every(([v]) => v! >= 0 && v! <= 1)).toBe(true);
  });

  test("bounded Levenberg–Marquardt fits an exponential decay and respects an active bound", () => {
    const t = Array.from({ length: 20 }, (_, i) => i);
    const data = t.map((x) => 3 * Math.exp(-0.4 * x) + 0.01 * Math.sin(x));
    const residuals = (p: readonly number[], out: Float64Array) => {
      t.forEach((x, i) => (out[i] = p[0]! * Math.exp(-p[1]! * x) - data[i]!));
      return true;
    };
    const free = minimizeLeastSquares(residuals, [1, 1], { lower: [0, 0], upper: [10, 10], typical: [1, 1], residualCount: 20 });
    expect(free.x[0]).toBeCloseTo(3, 1);
    expect(free.x[1]).toBeCloseTo(0.4, 2);
    const capped = minimizeLeastSquares(residuals, [1, 0.1], { lower: [0, 0], upper: [2, 10], typical: [1, 1], residualCount: 20 });
    expect(capped.x[0]).toBe(2);
  });
});

describe("simulation helpers", () => {
  test("type-7 quantiles equal those of a full sort", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 400 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }), (values, probs) => {
        const sorted = [...values].sort((a, b) => a - b);
        const expected = probs.map((p) => {
          const position = (sorted.length - 1) * p;
          const k = Math.floor(position);
          return k + 1 < sorted.length ? sorted[k]! + (position - k) * (sorted[k + 1]! - sorted[k]!) : sorted[k]!;
        });
        const ours = quantilesType7(Float64Array.from(values), probs);
        ours.forEach((q, i) => expect(q).toBeCloseTo(expected[i]!, 6));
      }),
      { numRuns: 200, seed: 3 },
    );
  });

  test("the normal stream is seeded, split-invariant and standard normal", () => {
    const whole = createNormalStream(42).fill(new Float64Array(20_001));
    const split = createNormalStream(42);
    const first = split.fill(new Float64Array(7));
    const rest = split.fill(new Float64Array(19_994));
    expect([...first, ...rest]).toEqual([...whole]);
    expect(createNormalStream(43).fill(new Float64Array(5))).not.toEqual(whole.slice(0, 5));
    const mean = whole.reduce((a, b) => a + b, 0) / whole.length;
    const variance = whole.reduce((a, b) => a + (b - mean) ** 2, 0) / whole.length;
    const share196 = whole.filter((v) => Math.abs(v) > 1.959964).length / whole.length;
    expect(Math.abs(mean)).toBeLessThan(0.03); // 4 standard errors
    expect(Math.abs(variance - 1)).toBeLessThan(0.04);
    expect(Math.abs(share196 - 0.05)).toBeLessThan(0.006);
  });
});
