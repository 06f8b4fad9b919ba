import type { Command } from '../command';
import { benchCommand } from './bench';
import { corruptCommand } from './corrupt';
import { datasetsCommand } from './datasets';
import { evaluateCommand } from './evaluate';
import { fractalsCommand } from './fractals';
import { metricsCommand } from './metrics';
import { modelsCommand } from './models';
import { opCommand } from './op';
import { pixmixCommand } from './pixmix';
import { runCommand } from './run';
import { vpixmixCommand } from './vpixmix';

/** Every `vpixmix` command, in the order `--help` lists them. One file per command. */
export const commands: readonly Command[] = [runCommand, evaluateCommand, metricsCommand, datasetsCommand, opCommand, pixmixCommand, vpixmixCommand, fractalsCommand, modelsCommand, corruptCommand, benchCommand];
