import type { Command, CommandIo } from './command';
import { commands } from './commands';
import { UsageError } from './errors';
import { invoke, listing } from './invoke';
import { cliVersion, quietTfjs } from './version';

const processIo: CommandIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

export function helpText(list: readonly Command[] = commands): string {
  return [
    'vpixmix: PixMix and V-PixMix on TensorFlow.js, and the five safety measures.',
    '',
    'Usage: vpixmix <command> [options]   (vpixmix <command> --help for its options; vpixmix --version)',
    '',
    'Commands:',
    listing(list),
  ].join('\n');
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const label = error.name && error.name !== 'Error' ? `${error.name}: ` : '';
    return `error: ${label}${error.message}`;
  }
  return `error: ${String(error)}`;
}

/** Runs one CLI invocation and resolves to its exit code; never throws. */
export async function main(argv: string[], io: CommandIo = processIo, list: readonly Command[] = commands): Promise<number> {
  quietTfjs();
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V' || name === 'version') {
    io.out(`vpixmix ${cliVersion()}`);
    return 0;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText(list));
    return name === undefined ? 2 : 0;
  }
  const command = list.find((c) => c.name === name);
  if (!command) {
    io.err(`error: unknown command '${name}'. Run 'vpixmix --help' for the list of commands.`);
    return 2;
  }
  try {
    if (command.passThrough) return (await command.run({ positionals: rest, values: {} }, io)) ?? 0;
    return await invoke(command, rest, io, `vpixmix ${name}`);
  } catch (error) {
    io.err(describeError(error));
    if (process.env['VPIXMIX_DEBUG'] && error instanceof Error && error.stack) io.err(error.stack);
    return error instanceof UsageError ? 2 : 1;
  }
}
