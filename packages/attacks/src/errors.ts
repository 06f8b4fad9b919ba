/** An attack option or input the attack cannot run with; the message names it and what it accepts. */
export class AttackArgumentError extends RangeError {
  override name = 'AttackArgumentError';
  constructor(
    readonly argument: string,
    message: string,
  ) {
    super(`${argument}: ${message}`);
  }
}
