/**
 * Trigamma ψ₁(x) = d²/dx² ln Γ(x) for x > 0 (no npm package provides it; analytics.md §4).
 * Recurrence ψ₁(x) = ψ₁(x+1) + 1/x² up to x ≥ 20, then the asymptotic series
 * ψ₁(x) ≈ 1/x + 1/(2x²) + Σ B₂ₖ/x^(2k+1) (B₂ = 1/6, B₄ = −1/30, B₆ = 1/42, B₈ = −1/30, B₁₀ = 5/66),
 * whose first omitted term (B₁₂/x¹³) is below 1e−17 at x = 20. Agrees with R's trigamma to ~1e−15 relative. Returns NaN for x ≤ 0 or non-finite x
 * (the BCPNN never needs them).
 */
export function trigamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return Number.NaN;
  let shifted = x;
  let sum = 0;
  while (shifted < 20) {
    sum += 1 / (shifted * shifted);
    shifted += 1;
  }
  const inv = 1 / shifted;
  const inv2 = inv * inv;
  const series = inv2 * (1 / 6 + inv2 * (-1 / 30 + inv2 * (1 / 42 + inv2 * (-1 / 30 + inv2 * (5 / 66)))));
  return sum + inv + inv2 / 2 + inv * series;
}
