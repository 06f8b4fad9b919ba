import type { ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export type OptionValue = string | boolean | (string | boolean)[] | undefined;

export interface ParsedArgs {
  positionals: string[];
  values: Record<string, OptionValue>;
}

/** Where a command writes: results on stdout, diagnostics and progress on stderr. */
export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
}

/** Something the CLI can run: a command (`vpixmix <name>`) or a benchmark (`vpixmix bench <name>`). */
export interface Runnable {
  name: string;
  /** One line for the listing. */
  summary: string;
  /** The full usage text for `--help`. */
  usage: string;
  options?: OptionSpec;
  /** Resolves to the exit code (0 when nothing is returned). */
  run(args: ParsedArgs, io: CommandIo): Promise<number | void>;
}

export interface Command extends Runnable {
  /** The command parses its own arguments (it has subcommands): `run` receives them raw as positionals. */
  passThrough?: boolean;
}
