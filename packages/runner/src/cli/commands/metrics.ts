import { writeFigure } from '../../report/figures/render';
import { scoreFile, scoreKindFields, scoreKinds, type ScoreKind } from '../../metrics-file';
import type { Command } from '../command';
import { UsageError } from '../errors';
import { positional, stringOption } from '../options';

export const metricsCommand: Command = {
  name: 'metrics',
  summary: 'Score predictions made anywhere: anomaly (AUROC...), calibration (RMS), flip (mFR), mce.',
  usage: [
    'vpixmix metrics <kind> <file.json> [--figure FILE]',
    '',
    'Computes one metric from a JSON file of scores and prints one JSON object on stdout.',
    'Kinds and the fields their file holds:',
    ...scoreKinds.map((kind) => `  ${kind.padEnd(12)} ${scoreKindFields[kind]}`),
    '',
    'Options:',
    '  --figure FILE  also draw it (anomaly: ROC curve; calibration: reliability diagram;',
    '                 mce: error per corruption) to FILE.png and FILE.svg',
  ].join('\n'),
  options: { figure: { type: 'string' } },
  async run({ positionals, values }, io) {
    const kind = positional(positionals, 0, `the kind of metric: ${scoreKinds.join(', ')}`);
    if (!(scoreKinds as readonly string[]).includes(kind)) {
      throw new UsageError(`unknown kind '${kind}'; choose one of ${scoreKinds.join(', ')}. Run 'vpixmix metrics --help'.`);
    }
    const file = positional(positionals, 1, 'the JSON file of scores');
    if (positionals.length > 2) throw new UsageError(`unexpected argument '${positionals[2]}'. Run 'vpixmix metrics --help'.`);
    const figure = stringOption(values, 'figure');
    if (figure !== undefined && kind === 'flip') throw new UsageError(`--figure: kind 'flip' has no figure; drop the option.`);
    const scored = scoreFile(kind as ScoreKind, file);
    io.out(JSON.stringify({ kind, file, ...scored.result }));
    if (figure !== undefined && scored.figure) {
      const png = writeFigure(figure.replace(/\.(png|svg)$/i, ''), scored.figure());
      io.err(`wrote ${png}`);
    }
  },
};
