import { backendRequests } from '@vpixmix/tf-backend';
import { evaluateModel } from '../../evaluate-model/evaluate-model';
import type { Command } from '../command';
import { UsageError } from '../errors';
import { choiceOption, numberOption, requiredString, stringOption } from '../options';

const usage = [
  'vpixmix evaluate --model DIR --dataset NAME [--recipe R] [--limit N] [--set PATH=V]... [--seed N] [--backend B] [--out DIR]',
  '',
  'Evaluates one model on the five safety axes (corruptions, consistency, adversaries,',
  'calibration, anomaly detection) and clean error, and writes results.json, report.md and',
  'figures/*.png as a run\'s evaluation does. --model is a saved model folder (model.json, as',
  '`vpixmix models import-torch` writes: e.g. the official PixMix WRN-40-4), a run\'s',
  'arms/<arm>/seed-<n> folder, a checkpoint .safetensors, or a run folder with one model.',
  '',
  'Settings: --recipe R, else the run the model was trained in (its stored plan: the same data',
  'and evaluation settings, so the numbers are that run\'s), else DESIGN.md\'s protocol on the data',
  'set as its registry opens it. --dataset replaces the settings\' data set.',
  '',
  'Options:',
  '  --recipe R     take the data options and evaluation section of recipe R (name or .yaml)',
  '  --limit N      at most N test items per axis (as `vpixmix run --limit`)',
  '  --set PATH=V   change any setting, e.g. --set evaluation.adversaries.steps=5 --set data.size=32',
  '  --seed N       the PGD seed (default: the run unit\'s seed, else the settings\' seed)',
  `  --backend B    ${backendRequests.join(' | ')} (default: the settings', usually auto)`,
  '  --out DIR      the output folder (default runs/evaluate/<model>/<date-time>)',
].join('\n');

function setValues(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value : [value]).map(String);
}

export const evaluateCommand: Command = {
  name: 'evaluate',
  summary: 'Evaluate one model (trained, saved or imported from PyTorch) on the five safety axes; write a report.',
  usage,
  options: {
    model: { type: 'string' },
    dataset: { type: 'string' },
    recipe: { type: 'string' },
    limit: { type: 'string' },
    set: { type: 'string', multiple: true },
    seed: { type: 'string' },
    backend: { type: 'string' },
    out: { type: 'string' },
  },
  async run({ positionals, values }, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'. Run 'vpixmix evaluate --help'.`);
    const model = requiredString(values, 'model', 'the model to evaluate (a saved model folder, a run unit folder or a checkpoint)');
    const dataset = requiredString(values, 'dataset', "the data set to evaluate on (see 'vpixmix datasets list')");
    const optionalInt = (name: string, min: number) => {
      const value = numberOption(values, name, Number.NaN, { integer: true, min });
      return Number.isNaN(value) ? undefined : value;
    };
    const backend = stringOption(values, 'backend') === undefined ? undefined : choiceOption(values, 'backend', backendRequests, 'auto');
    await evaluateModel({
      model,
      dataset,
      recipe: stringOption(values, 'recipe'),
      overrides: { limit: optionalInt('limit', 1), backend, set: setValues(values['set']) },
      seed: optionalInt('seed', Number.MIN_SAFE_INTEGER),
      out: stringOption(values, 'out'),
      io,
    });
  },
};
