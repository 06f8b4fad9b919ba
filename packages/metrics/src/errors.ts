/** An argument a metric cannot be computed from; the message names the argument and what it needs. */
export class MetricInputError extends RangeError {
  override name = 'MetricInputError';
  constructor(
    readonly argument: string,
    message: string,
  ) {
    super(`${argument}: ${message}`);
  }
}
