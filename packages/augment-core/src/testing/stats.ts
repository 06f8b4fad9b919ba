/** Pearson's chi-square statistic of observed counts against expected probabilities. */
export function chiSquare(observed: readonly number[], probabilities: readonly number[]): number {
  const total = observed.reduce((s, c) => s + c, 0);
  return observed.reduce((s, c, i) => s + (c - total * probabilities[i]) ** 2 / (total * probabilities[i]), 0);
}

/** Chi-square critical values at p = 0.001, by degrees of freedom. */
export const CHI2_999: Readonly<Record<number, number>> = { 1: 10.83, 2: 13.82, 3: 16.27, 4: 18.47, 5: 20.52, 6: 22.46, 8: 26.12, 12: 32.91 };

/** A binomial share is within `z` standard errors of p. */
export function shareWithin(count: number, total: number, p: number, z = 4): boolean {
  return Math.abs(count / total - p) <= z * Math.sqrt((p * (1 - p)) / total);
}
