import { describe, expect, test } from "vitest";
import { fitQuasiPoissonGlm, predictLink } from "@/lib/analytics/anomalies/quasi-poisson-glm";

// Reference: R 4.2.2, glm(y ~ t + g, family = quasipoisson) and glm(y ~ t, quasipoisson, weights = w).
const y = [3, 5, 2, 8, 6, 9, 4, 12, 7, 10];
const t = y.map((_, i) => i + 1);

describe("fitQuasiPoissonGlm against R glm(family = quasipoisson)", () => {
  test("coefficients, dispersion, hat values and cov.unscaled", () => {
    const design = t.map((ti) => [1, ti, ti % 2 === 0 ? 1 : 0]);
    const fit = fitQuasiPoissonGlm(design, y);
    expect(fit.converged).toBe(true);
    [0.986605022781667, 0.0922424894675001, 0.6009046910924029].forEach((b, j) => expect(fit.coefficients[j]).toBeCloseTo(b, 9));
    expect(fit.dispersion).toBeCloseTo(0.395063354427603, 9);
    [0.2637474330172, 0.393799887074298, 0.21283789920688, 0.264894423629252, 0.197807247976176, 0.202259024847531, 0.248924799268643, 0.265320515339193, 0.41001601759751, 0.540392752043316].forEach(
      (h, i) => expect(fit.hatValues[i]).toBeCloseTo(h, 9),
    );
    expect(fit.covUnscaled[0]![0]).toBeCloseTo(0.1103561544006207, 9);
    expect(fit.covUnscaled[1]![2]).toBeCloseTo(-0.00197860832220659, 9);
  });

  test("prior weights and the link-scale prediction standard error", () => {
    const w = [1, 1, 1, 0.5, 1, 1, 1, 0.25, 1, 1];
    const fit = fitQuasiPoissonGlm(t.map((ti) => [1, ti]), y, w);
    expect(fit.coefficients[0]).toBeCloseTo(1.175654496527574, 9);
    expect(fit.coefficients[1]).toBeCloseTo(0.107131781799805, 9);
    expect(fit.dispersion).toBeCloseTo(0.760580654421844, 9);
    const { eta, se } = predictLink(fit, [1, 11], fit.dispersion);
    expect(eta).toBeCloseTo(2.35410409632543, 9);
    expect(se).toBeCloseTo(0.227722298561973, 9);
  });

  test("an aliased column is dropped, as R's pivoting QR does", () => {
    const fit = fitQuasiPoissonGlm(t.map((ti) => [1, ti, 2 * ti]), y);
    expect(fit.keptColumns).toEqual([0, 1]);
  });
});
