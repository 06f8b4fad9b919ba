import type { Command } from '../command';
import { benchmarks } from '../bench';
import { UsageError } from '../errors';
import { invoke, listing } from '../invoke';

export const benchCommand: Command = {
  name: 'bench',
  summary: 'Measure speed: augmentation, decoding, fractals, training steps, attacks.',
  get usage() {
    return `vpixmix bench <name> [options]   (vpixmix bench <name> --help for its options)\n\nBenchmarks:\n${listing(benchmarks)}`;
  },
  passThrough: true,
  async run({ positionals }, io) {
    const [name, ...rest] = positionals;
    if (name === undefined || name === '--help' || name === '-h') {
      io.out(`Usage: ${benchCommand.usage}`);
      return name === undefined ? 2 : 0;
    }
    const benchmark = benchmarks.find((b) => b.name === name);
    if (!benchmark) {
      throw new UsageError(`unknown benchmark '${name}'. Known: ${benchmarks.map((b) => b.name).join(', ') || '(none)'}.`);
    }
    return invoke(benchmark, rest, io, `vpixmix bench ${name}`);
  },
};
