/**
 * Every error this package throws is one of these. Messages name the file or argument,
 * the layout that was expected, and what to do next.
 */
export class DatasetError extends Error {
  override name = 'DatasetError';
}

/** A file or folder a data set needs is not there. `path` is where it should be. */
export class DatasetMissingError extends DatasetError {
  override name = 'DatasetMissingError';
  constructor(
    readonly path: string,
    readonly expected: string,
    hint = '',
  ) {
    super(`${path}: not found; expected ${expected}.${hint ? ` ${hint}` : ''}`);
  }
}

/** A file is there but does not have the layout its reader expects. */
export class DatasetFormatError extends DatasetError {
  override name = 'DatasetFormatError';
  constructor(
    readonly path: string,
    readonly expected: string,
    readonly found: string,
  ) {
    super(`${path}: expected ${expected}, found ${found}.`);
  }
}

/** A .npy file whose header or size is not what the reader needs. */
export class NpyFormatError extends DatasetFormatError {
  override name = 'NpyFormatError';
}

/** An argument outside what a reader or pipeline accepts (index, split, severity, size). */
export class DatasetArgumentError extends DatasetError {
  override name = 'DatasetArgumentError';
  constructor(
    readonly argument: string,
    message: string,
  ) {
    super(`${argument}: ${message}`);
  }
}
