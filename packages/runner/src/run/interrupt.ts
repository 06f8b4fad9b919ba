import type { CommandIo } from '../cli/command';

/** The user asked the run to stop (Ctrl-C or SIGTERM); the CLI exits with 130 after writing a checkpoint and a partial report. */
export class StopRequestedError extends Error {
  override name = 'StopRequestedError';
  /** The exit status of a process stopped by Ctrl-C (128 + SIGINT), as shells report it. */
  readonly exitCode = 130;
  constructor(readonly signalName: string) {
    super(`stopped by you (${signalName})`);
  }
}

export interface InterruptHandler {
  /** Aborted (with a StopRequestedError as its reason) on the first SIGINT/SIGTERM. */
  signal: AbortSignal;
  /** Removes the handlers. */
  dispose(): void;
}

/**
 * Catches SIGINT and SIGTERM for a run. The first one aborts `signal`: training stops after
 * the step it is in (or evaluation after its batch), writes a checkpoint and a partial report.
 * It also hands both signals back to their default action, so a second Ctrl-C ends the
 * process at once, even inside a synchronous step (which a JavaScript handler would have to
 * wait for); checkpoints are written to a temporary file and renamed, so the last one is
 * intact whenever the process dies.
 */
export function installInterruptHandler(io: CommandIo): InterruptHandler {
  const controller = new AbortController();
  const dispose = () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  function onSignal(name: NodeJS.Signals): void {
    dispose();
    io.err(`\n${name}: stopping after the current step; writing a checkpoint and a partial report (press Ctrl-C again to quit at once; the last checkpoint stays intact)...`);
    controller.abort(new StopRequestedError(name));
  }
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return { signal: controller.signal, dispose };
}
