/** An argument outside what an augmentation accepts; the message names it and the allowed range. */
export class AugmentArgumentError extends RangeError {
  override name = 'AugmentArgumentError';
  constructor(
    readonly argument: string,
    message: string,
  ) {
    super(`${argument}: ${message}`);
  }
}
