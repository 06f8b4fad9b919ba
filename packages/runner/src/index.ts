export { main, helpText } from './cli/main';
export type { Command, CommandIo, ParsedArgs, Runnable } from './cli/command';
export { UsageError } from './cli/errors';
