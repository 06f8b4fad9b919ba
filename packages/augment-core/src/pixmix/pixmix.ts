import { AugmentArgumentError } from '../errors';
import { assertImage, assertSameSize, type Image, type ImageF32, type ImageU8 } from '../image';
import { applyOpRecord } from '../ops';
import type { Rng } from '../rng';
import { pixmixConfig, type PixmixConfig } from './config';
import { MIXING_NAMES, mixInto, U8_TO_FLOAT, type MixOperand } from './mixings';
import type { PixmixRecord } from './record';
import { samplePixmix } from './sample';
import { wasmMixer, type WasmMixer } from './wasm/mixer';

export interface PixmixResult {
  /** float32 in [0, 1]; the model input is `normalizeSigned(image)` (2x - 1), as the reference's Normalize(0.5, 0.5). */
  readonly image: ImageF32;
  readonly record: PixmixRecord;
}

/**
 * PixMix (the reference's CIFAR `pixmix()`): ops on the 8-bit original, mixing on floats.
 *
 * `image` must be 8-bit (the reference's ops work on PIL images); `mixingPicture` may be
 * 8-bit (x / 255, as ToTensor) or float in [0, 1], and must have the image's size.
 */
export function pixmix(image: ImageU8, mixingPicture: Image, config: Partial<PixmixConfig>, rng: Rng, out?: Float32Array): PixmixResult {
  const cfg = pixmixConfig(config);
  checkInputs(image, mixingPicture);
  const record = samplePixmix(rng, cfg, image);
  return { image: applyChecked(image, mixingPicture, record, out), record };
}

/** Applies a record again: the same image, mixing picture and record give the same bytes. */
export function replayPixmix(image: ImageU8, mixingPicture: Image, record: PixmixRecord, out?: Float32Array): ImageF32 {
  checkInputs(image, mixingPicture);
  checkRecord(record);
  return applyChecked(image, mixingPicture, record, out);
}

function checkInputs(image: ImageU8, mixingPicture: Image): void {
  assertImage(image, 'image');
  if (!(image.data instanceof Uint8Array)) {
    throw new AugmentArgumentError('image', 'PixMix applies its ops to 8-bit images (Uint8Array), as the reference does to PIL images; convert with toUint8(image)');
  }
  assertImage(mixingPicture, 'mixingPicture');
  assertSameSize(image, mixingPicture, 'mixingPicture');
}

export function checkRecord(record: PixmixRecord): void {
  if (!record || !Array.isArray(record.rounds)) throw new AugmentArgumentError('record', 'must be a PixmixRecord ({ base, rounds })');
  record.rounds.forEach((round, r) => {
    if (!(MIXING_NAMES as readonly string[]).includes(round.mixing)) {
      throw new AugmentArgumentError(`record.rounds[${r}].mixing`, `must be one of ${MIXING_NAMES.join(', ')}, got ${String(round.mixing)}`);
    }
    if (!Number.isFinite(round.a) || !Number.isFinite(round.b)) {
      throw new AugmentArgumentError(`record.rounds[${r}]`, `a and b must be finite numbers, got (${round.a}, ${round.b})`);
    }
  });
}

/**
 * Applies a record without checking its inputs again (V-PixMix calls this per frame after
 * checking the clip once). Prefer `replayPixmix`.
 */
export function applyPixmixRecord(image: ImageU8, mixingPicture: Image, record: PixmixRecord, out?: Float32Array): ImageF32 {
  return applyChecked(image, mixingPicture, record, out);
}

// Two 8-bit scratch buffers for augmented copies, reused across calls (not re-entrant).
let scratchBase = new Uint8Array(0);
let scratchPartner = new Uint8Array(0);

function applyChecked(image: ImageU8, mixingPicture: Image, record: PixmixRecord, out?: Float32Array): ImageF32 {
  const n = image.data.length;
  if (out !== undefined && out.length !== n) {
    throw new AugmentArgumentError('out', `needs ${n} values for a ${image.width}x${image.height} image, got ${out.length}`);
  }
  const result = out ?? new Float32Array(n);
  const mixer = mixingPicture.data instanceof Uint8Array || record.rounds.length === 0 ? wasmMixer() : null;
  if (mixer) applyInWasm(mixer.prepare(n), image, mixingPicture.data, record, result);
  else applyInJs(image, mixingPicture, record, result);
  return { width: image.width, height: image.height, channels: 3, data: result };
}

/** An 8-bit mixing picture (or no rounds): every round runs in WebAssembly memory; the inputs go in once, the result comes out once. */
function applyInWasm(mixer: WasmMixer, image: ImageU8, picture: Uint8Array | Float32Array, record: PixmixRecord, result: Float32Array): void {
  if (record.base) applyOpRecord(image, record.base, mixer.base);
  else mixer.base.set(image.data);
  if (record.rounds.length === 0) mixer.baseToState();
  let pictureCopied = false;
  let firstRound = true;
  for (const round of record.rounds) {
    const partnerIsPicture = round.partner === 'mixing';
    if (round.partner === 'mixing') {
      if (!pictureCopied) mixer.picture.set(picture as Uint8Array);
      pictureCopied = true;
    } else applyOpRecord(image, round.partner, mixer.partner);
    mixer.mix(round.mixing, firstRound, partnerIsPicture, round.a, round.b);
    firstRound = false;
  }
  result.set(mixer.state);
}

function applyInJs(image: ImageU8, mixingPicture: Image, record: PixmixRecord, result: Float32Array): void {
  const n = image.data.length;
  if (scratchBase.length < n) {
    scratchBase = new Uint8Array(n);
    scratchPartner = new Uint8Array(n);
  }
  const scratch = scratchBase.subarray(0, n);
  let mixed: MixOperand = record.base ? applyOpRecord(image, record.base, scratch).data : image.data;
  if (record.rounds.length === 0) {
    for (let i = 0; i < n; i++) result[i] = U8_TO_FLOAT[mixed[i]];
  }
  for (const round of record.rounds) {
    let partner: MixOperand;
    if (round.partner === 'mixing') partner = mixingPicture.data;
    else {
      // The base may live in `scratch` until round one has mixed it into `result`.
      const target = mixed === scratch ? scratchPartner.subarray(0, n) : scratch;
      partner = applyOpRecord(image, round.partner, target).data;
    }
    mixInto(round.mixing, mixed, partner, round.a, round.b, result);
    mixed = result;
  }
}
