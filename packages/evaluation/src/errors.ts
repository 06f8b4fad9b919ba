/** Data that is there but does not fit the evaluation (a -C folder without a named corruption, an unknown OOD set, ...). */
export class EvaluationDataError extends Error {
  override name = 'EvaluationDataError';
}
