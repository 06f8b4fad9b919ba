/** An argument outside what it accepts; the message names the argument and what is allowed. */
abstract class ArgumentError extends RangeError {
  constructor(
    readonly argument: string,
    message: string,
  ) {
    super(`${argument}: ${message}`);
  }
}

/** A model name or option the registry cannot build. */
export class ModelConfigError extends ArgumentError {
  override name = 'ModelConfigError';
}

/** A training option outside what the training loop accepts. */
export class TrainConfigError extends ArgumentError {
  override name = 'TrainConfigError';
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
