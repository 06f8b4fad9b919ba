/** A model name or option the registry cannot build; the message names it and what is allowed. */
export class ModelConfigError extends RangeError {
  override name = 'ModelConfigError';
  constructor(
    readonly argument: string,
    message: string,
  ) {
    super(`${argument}: ${message}`);
  }
}

/** A training option outside what the training loop accepts; the message names it and the allowed range. */
export class TrainConfigError extends RangeError {
  override name = 'TrainConfigError';
  constructor(
    readonly argument: string,
    message: string,
  ) {
    super(`${argument}: ${message}`);
  }
}

/** A checkpoint or saved model that cannot be read, or does not fit the model or run it is loaded into. */
export class CheckpointError extends Error {
  override name = 'CheckpointError';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}
