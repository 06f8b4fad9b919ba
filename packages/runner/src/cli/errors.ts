/** A command line that cannot be run as written: names the argument and what it accepts. */
export class UsageError extends Error {
  override name = 'UsageError';
}
