import type { Command } from '../command';
import { positional } from '../options';

export const runCommand: Command = {
  name: 'run',
  summary: 'Run an experiment recipe: train every arm, evaluate the five safety axes, write a report.',
  usage: 'vpixmix run <recipe> [--epochs N] [--limit N] [--backend B] [--out DIR] [--resume] [--dry-run]',
  options: {
    epochs: { type: 'string' },
    limit: { type: 'string' },
    backend: { type: 'string' },
    out: { type: 'string' },
    resume: { type: 'boolean' },
    'dry-run': { type: 'boolean' },
  },
  async run({ positionals }, io) {
    const recipe = positional(positionals, 0, 'the recipe name (a file in experiments/)');
    io.err(
      [
        `vpixmix run ${recipe}: the recipe runner is not built yet (issue 12).`,
        'When it is, this will: read the recipe from experiments/, build the data set and its',
        'corruption / perturbation / OOD companions, train each arm (baseline, PixMix, V-PixMix),',
        'evaluate clean error, mCE, mFR, PGD error, RMS calibration and anomaly AUROC,',
        'and write results.json, report.md and figures into the run folder.',
      ].join('\n'),
    );
    return 1;
  },
};
