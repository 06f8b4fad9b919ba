/** A score file that cannot be scored: names the file and the field, and says what the field must hold. */
export class MetricsFileError extends Error {
  override name = 'MetricsFileError';
}
