/** A data set (or a -C/-P/OOD companion) the recipe needs is not there or not readable; says what to do. */
export class DataMissingError extends Error {
  override name = 'DataMissingError';
}

/** Data that is there but does not fit the recipe (a -C folder without a named corruption, ...). */
export class RunDataError extends Error {
  override name = 'RunDataError';
}

/** `--resume` cannot continue: no run folder, or one written by a different plan. */
export class ResumeError extends Error {
  override name = 'ResumeError';
}

/** A run stopped part-way (an error or Ctrl-C); checkpoints and a partial report were kept. */
export class RunStoppedError extends Error {
  override name = 'RunStoppedError';
  constructor(
    message: string,
    readonly runDir: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}
