import { describe, expect, test } from "vitest";
import { minimizeNelderMead } from "@/lib/analytics/optimize/nelder-mead";

const rosenbrock = ([x = 0, y = 0]: readonly number[]) => 100 * (y - x * x) ** 2 + (1 - x) ** 2;

describe("minimizeNelderMead", () => {
  test("finds the Rosenbrock minimum (1, 1) from (−1.2, 1)", () => {
    const result = minimizeNelderMead(rosenbrock, [-1.2, 1], { maxEvaluations: 5000 });
    expect(result.converged).toBe(true);
    expect(result.stopReason).toBe("tolerance");
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(result.x[1]).toBeCloseTo(1, 6);
    expect(result.value).toBeLessThan(1e-12);
  });

  test("a 5-D quadratic with different scales", () => {
    const centre = [3, -2, 0.5, 10, -7];
    const weights = [1, 10, 100, 0.1, 3];
    const f = (x: readonly number[]) => x.reduce((s, v, i) => s + (weights[i] ?? 1) * (v - (centre[i] ?? 0)) ** 2, 0);
    const result = minimizeNelderMead(f, [0, 0, 0, 0, 0], { maxEvaluations: 20_000 });
    expect(result.converged).toBe(true);
    result.x.forEach((v, i) => expect(v).toBeCloseTo(centre[i] ?? 0, 5));
  });

  test("respects the box: the constrained minimum sits on the bound", () => {
    // Unconstrained minimum at (2, −3); box x ≤ 1, y ≥ −1 → optimum (1, −1).
    const f = ([x = 0, y = 0]: readonly number[]) => (x - 2) ** 2 + (y + 3) ** 2;
    const seen: number[][] = [];
    const result = minimizeNelderMead(
      (x) => {
        seen.push([...x]);
        return f(x);
      },
      [0, 0],
      { lower: [-5, -1], upper: [1, 5] },
    );
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(result.x[1]).toBeCloseTo(-1, 6);
    expect(seen.every(([x = 0, y = 0]) => x <= 1 && x >= -5 && y >= -1 && y <= 5)).toBe(true);
  });

  test("walks away from non-finite values and reports a non-finite start", () => {
    const f = ([x = 0]: readonly number[]) => (x < 0 ? Number.NaN : (x - 1) ** 2);
    const result = minimizeNelderMead(f, [0.2], { initialStep: 2 });
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(minimizeNelderMead(() => Number.POSITIVE_INFINITY, [0, 0]).stopReason).toBe("non_finite_start");
  });

  test("stops at the evaluation budget and says so", () => {
    const result = minimizeNelderMead(rosenbrock, [-1.2, 1], { maxEvaluations: 30 });
    expect(result.converged).toBe(false);
    expect(result.stopReason).toBe("max_evaluations");
    expect(result.evaluations).toBeLessThanOrEqual(30 + 2);
  });
});
