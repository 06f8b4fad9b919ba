import type { CommandIo } from '../command';
import { UsageError } from '../errors';

/** `vpixmix bench augment --clip TxHxW` (V-PixMix, issue 4). */
export async function runClipBench(_values: Record<string, unknown>, _io: CommandIo): Promise<number> {
  throw new UsageError('--clip: the V-PixMix clip benchmark is not built yet.');
}
