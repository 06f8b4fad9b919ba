/** Data that is there but does not fit the evaluation (a -C folder without a named corruption, an unknown OOD set, ...). */
export class EvaluationDataError extends Error {
  override name = 'EvaluationDataError';
}

/** An argument of evaluateSafety that cannot work (no model, a bad setting); names it and what to pass. */
export class EvaluationArgumentError extends Error {
  override name = 'EvaluationArgumentError';
  constructor(
    readonly argument: string,
    problem: string,
  ) {
    super(`evaluateSafety: ${argument} ${problem}`);
  }
}
