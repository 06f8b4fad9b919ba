import { backendEnvVar, backendRequests } from '@vpixmix/tf-backend';
import { RunStoppedError } from '../../run/errors';
import { StopRequestedError, installInterruptHandler } from '../../run/interrupt';
import { runRecipe } from '../../run/run-recipe';
import type { Command } from '../command';
import { UsageError } from '../errors';
import { choiceOption, flagOption, numberOption, positional, stringOption } from '../options';

const usage = [
  'vpixmix run <recipe> [--epochs N] [--limit N] [--seeds N] [--set PATH=V]... [--backend B] [--out DIR [--force]] [--resume] [--dry-run]',
  '',
  'Runs an experiment recipe (experiments/<recipe>.yaml, or a path to a .yaml file): checks that',
  'every data set it needs is there, then for each seed and arm trains the model (checkpoints in',
  'the run folder), evaluates the five safety axes (corruptions, consistency, adversaries,',
  'calibration, anomaly detection) and clean error, and writes results.json, report.md and',
  'figures/*.png into the run folder. Same as `npx nx run experiments:<recipe>`.',
  '',
  'Options:',
  '  --epochs N     train N epochs instead of the recipe\'s',
  '  --limit N      at most N training and N test items, and N items per evaluation axis (quick runs)',
  '  --seeds N      run every arm with N seeds (seed, seed+1, ...); tables show mean ± std',
  `  --backend B    ${backendRequests.join(' | ')} (default: ${backendEnvVar} if set, else the recipe's, usually auto;`,
  '                 auto never picks a software WebGPU adapter; with --resume, another backend than the run started on)',
  '  --out DIR      the run folder (default runs/<recipe>/<date-time>); a new run needs it new or empty',
  '  --force        start a new run in a non-empty --out that holds no run (overwrites its report files)',
  '  --resume       continue the newest run of this recipe (or --out DIR) where it stopped',
  '  --dry-run      print the resolved plan and check the data, without running anything',
  '',
  'Ctrl-C (or SIGTERM) stops after the current training step or evaluation batch, writes a checkpoint and',
  'a partial report, and exits with status 130; a second Ctrl-C quits at once (the last checkpoint is intact).',
  '--resume continues. One process at a time holds a run folder (its run.lock names the holder).',
].join('\n');

function setValues(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value : [value]).map(String);
}

export const runCommand: Command = {
  name: 'run',
  summary: 'Run an experiment recipe: train every arm, evaluate the five safety axes, write a report.',
  usage,
  options: {
    epochs: { type: 'string' },
    limit: { type: 'string' },
    seeds: { type: 'string' },
    backend: { type: 'string' },
    set: { type: 'string', multiple: true },
    out: { type: 'string' },
    resume: { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    force: { type: 'boolean' },
  },
  async run({ positionals, values }, io) {
    const recipe = positional(positionals, 0, 'the recipe name (a file in experiments/) or a .yaml file');
    if (positionals.length > 1) throw new UsageError(`unexpected argument '${positionals[1]}'. Run 'vpixmix run --help'.`);
    const optionalInt = (name: string) => {
      const value = numberOption(values, name, Number.NaN, { integer: true, min: 1 });
      return Number.isNaN(value) ? undefined : value;
    };
    const backend = stringOption(values, 'backend') === undefined ? undefined : choiceOption(values, 'backend', backendRequests, 'auto');
    const dryRun = flagOption(values, 'dry-run');
    const interrupts = dryRun ? undefined : installInterruptHandler(io);
    try {
      await runRecipe({
        recipe,
        overrides: { epochs: optionalInt('epochs'), limit: optionalInt('limit'), seeds: optionalInt('seeds'), backend, set: setValues(values['set']) },
        out: stringOption(values, 'out'),
        resume: flagOption(values, 'resume'),
        dryRun,
        force: flagOption(values, 'force'),
        signal: interrupts?.signal,
        io,
      });
      return 0;
    } catch (error) {
      // Stopped by Ctrl-C: the checkpoint and the partial report are written; say so and exit 130.
      if (error instanceof RunStoppedError && error.cause instanceof StopRequestedError) {
        io.err(error.message);
        return error.cause.exitCode;
      }
      throw error;
    } finally {
      interrupts?.dispose();
    }
  },
};
