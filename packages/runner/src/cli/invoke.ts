import { parseArgs } from 'node:util';
import type { CommandIo, Runnable } from './command';
import { UsageError } from './errors';

/** Parses `args` against the runnable's options (strictly) and runs it; `--help` prints its usage. */
export async function invoke(runnable: Runnable, args: string[], io: CommandIo, prefix: string): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(`Usage: ${runnable.usage}`);
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeValues(args, runnable.options ?? {}), options: runnable.options ?? {}, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. Run '${prefix} --help'.`);
  }
  const code = await runnable.run({ positionals: parsed.positionals, values: parsed.values }, io);
  return code ?? 0;
}

/**
 * `--epochs -1` reads to parseArgs as two options ("ambiguous"); for an option that takes a
 * value, a following negative number is its value: `--epochs=-1`, which the command then
 * checks and answers in its own words.
 */
function joinNegativeValues(args: readonly string[], options: NonNullable<Runnable['options']>): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const name = args[i].startsWith('--') ? args[i].slice(2) : undefined;
    const next = args[i + 1];
    if (name && options[name]?.type === 'string' && next !== undefined && /^-(\d|\.\d|Infinity)/.test(next)) out.push(`${args[i]}=${args[++i]}`);
    else out.push(args[i]);
  }
  return out;
}

/** A name-to-runnable listing, aligned, for help texts. */
export function listing(items: readonly Runnable[]): string {
  if (items.length === 0) return '  (none)';
  const width = Math.max(...items.map((item) => item.name.length));
  return items.map((item) => `  ${item.name.padEnd(width)}  ${item.summary}`).join('\n');
}
