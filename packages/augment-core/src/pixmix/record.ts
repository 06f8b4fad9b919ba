import type { OpRecord } from '../ops';
import type { MixingName } from './mixings';

/** One mixing round: the partner (an augmented copy of the original, or the mixing picture), the mixing, its weights. */
export interface PixmixRound {
  readonly partner: OpRecord | 'mixing';
  readonly mixing: MixingName;
  /** float32 values, as the reference's np.float32 draws. */
  readonly a: number;
  readonly b: number;
}

/** Everything one PixMix draw decided; `replayPixmix` turns it back into the same bytes. JSON-serialisable. */
export interface PixmixRecord {
  /** The starting point: an augmented copy of the original (`OpRecord`) or the original itself (null). */
  readonly base: OpRecord | null;
  readonly rounds: readonly PixmixRound[];
}
