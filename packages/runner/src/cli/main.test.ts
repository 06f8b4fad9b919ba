import { describe, expect, it } from 'vitest';
import type { Command, CommandIo } from './command';
import { main } from './main';
import { numberOption } from './options';

function capture(): CommandIo & { outText: string; errText: string } {
  const io = {
    outText: '',
    errText: '',
    out(text: string) {
      io.outText += `${text}\n`;
    },
    err(text: string) {
      io.errText += `${text}\n`;
    },
  };
  return io;
}

const echo: Command = {
  name: 'echo',
  summary: 'prints its seed',
  usage: 'vpixmix echo --seed N',
  options: { seed: { type: 'string' } },
  async run({ values }, io) {
    io.out(String(numberOption(values, 'seed', 0, { integer: true, min: 0 })));
  },
};

describe('vpixmix main', () => {
  it('lists the commands', async () => {
    const io = capture();
    expect(await main(['--help'], io, [echo])).toBe(0);
    expect(io.outText).toMatch(/echo\s+prints its seed/);
  });

  it('runs a command with parsed options', async () => {
    const io = capture();
    expect(await main(['echo', '--seed', '7'], io, [echo])).toBe(0);
    expect(io.outText.trim()).toBe('7');
  });

  it('answers unknown commands, unknown options and bad values with exit code 2 and a hint', async () => {
    let io = capture();
    expect(await main(['nope'], io, [echo])).toBe(2);
    expect(io.errText).toMatch(/unknown command 'nope'.*--help/);
    io = capture();
    expect(await main(['echo', '--sed', '1'], io, [echo])).toBe(2);
    expect(io.errText).toMatch(/--sed/);
    io = capture();
    expect(await main(['echo', '--seed=-3'], io, [echo])).toBe(2);
    expect(io.errText).toMatch(/--seed must be an integer >= 0; got '-3'/);
  });

  it('reports a failing command with its error name and exit code 1', async () => {
    const failing: Command = {
      ...echo,
      name: 'fail',
      async run() {
        const error = new Error('could not read x.png: no such file');
        error.name = 'ImageReadError';
        throw error;
      },
    };
    const io = capture();
    expect(await main(['fail'], io, [failing])).toBe(1);
    expect(io.errText).toMatch(/error: ImageReadError: could not read x.png/);
  });
});
