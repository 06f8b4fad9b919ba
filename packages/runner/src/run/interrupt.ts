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
 * The second one quits at once with status 130: checkpoints are written to a temporary file
 * and renamed, so the last one is intact whenever the process dies.
 */
export function installInterruptHandler(io: CommandIo, exit: (code: number) => void = (code) => process.exit(code)): InterruptHandler {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      io.err(`\n${name} again: quitting now; the last checkpoint is intact (resume with --resume).`);
      exit(130);
      return;
    }
    io.err(`\n${name}: stopping after the current step; writing a checkpoint and a partial report (press Ctrl-C again to quit at once)...`);
    controller.abort(new StopRequestedError(name));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
