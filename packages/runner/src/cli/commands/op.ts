import fs from 'node:fs';
import path from 'node:path';
import { ALL_OP_NAMES, getOp } from '@vpixmix/augment-core';
import { readPng, writePng } from '@vpixmix/video-io';
import type { Command, Runnable } from '../command';
import { UsageError } from '../errors';
import { invoke } from '../invoke';
import { numberOption, positional } from '../options';

/** The op command proper; `opCommand` only lets negative parameters through first. */
const opRunnable: Runnable = {
  name: 'op',
  summary: 'Apply one PixMix image op (Pillow-exact) with an explicit parameter to a PNG.',
  usage: [
    'vpixmix op <name> [--param VALUE] <in.png> <out.png> [--scale N]',
    '',
    `Ops: ${ALL_OP_NAMES.join(', ')}`,
    '',
    "The parameter (the same meaning as in Pillow's ImageOps/ImageEnhance calls of the PixMix reference):",
    ...ALL_OP_NAMES.map((name) => {
      const op = getOp(name);
      return `  ${name.padEnd(13)} ${op.param ? `--param ${op.param.key}: ${op.param.meaning}` : '(no parameter)'}`;
    }),
    '',
    'Options:',
    '  --param VALUE  the op parameter (required unless the op has none)',
    '  --scale N      also enlarge the output N times, nearest neighbour, to look at it (default 1)',
    '',
    'Prints the op and its params as JSON.',
  ].join('\n'),
  options: { param: { type: 'string' }, scale: { type: 'string' } },
  async run({ positionals, values }, io) {
    const name = positional(positionals, 0, `the op name (${ALL_OP_NAMES.join(', ')})`);
    if (!(ALL_OP_NAMES as readonly string[]).includes(name)) {
      throw new UsageError(`unknown op '${name}'; choose one of ${ALL_OP_NAMES.join(', ')}.`);
    }
    const input = positional(positionals, 1, 'the input PNG');
    const output = positional(positionals, 2, 'the output PNG');
    if (positionals.length > 3) throw new UsageError(`unexpected argument '${positionals[3]}'. Run 'vpixmix op --help'.`);
    const op = getOp(name);
    let value: number | null = null;
    if (op.param) {
      if (values['param'] === undefined) throw new UsageError(`--param is required for ${name}: ${op.param.key}, ${op.param.meaning}.`);
      value = numberOption(values, 'param', 0);
    } else if (values['param'] !== undefined) {
      throw new UsageError(`${name} takes no parameter; drop --param.`);
    }
    const scale = numberOption(values, 'scale', 1, { min: 1, max: 64, integer: true });
    const folder = path.dirname(path.resolve(output));
    if (!fs.existsSync(folder)) throw new UsageError(`the folder of the output ${output} does not exist (${folder}); create it first, or write elsewhere.`);
    const params = op.fromValue(value);
    const image = await readPng(input);
    const result = op.apply(image, params);
    await writePng(output, result, { scale });
    io.out(JSON.stringify({ op: name, params, input, output, width: image.width, height: image.height }));
  },
};

/** `--param -29` reads as an option to node's parseArgs; rewrite it to `--param=-29`. */
function joinNegativeParam(args: readonly string[]): string[] {
  const negative = (arg: string | undefined) => arg !== undefined && /^-(\d|\.\d)/.test(arg);
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--param' && negative(args[i + 1])) out.push(`--param=${args[++i]}`);
    else out.push(args[i]);
  }
  return out;
}

export const opCommand: Command = {
  ...opRunnable,
  passThrough: true,
  run: ({ positionals }, io) => invoke(opRunnable, joinNegativeParam(positionals), io, 'vpixmix op'),
};
