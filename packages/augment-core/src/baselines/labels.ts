import { AugmentArgumentError } from '../errors';

/** A one-hot soft label. */
export function oneHot(label: number, numClasses: number): Float32Array {
  if (!Number.isInteger(label) || label < 0 || label >= numClasses) {
    throw new AugmentArgumentError('label', `must be an integer in [0, ${numClasses - 1}], got ${label}`);
  }
  const out = new Float32Array(numClasses);
  out[label] = 1;
  return out;
}

/** w * a + (1 - w) * b for soft labels. */
export function mixLabels(a: Float32Array, b: Float32Array, w: number): Float32Array {
  if (a.length !== b.length) throw new AugmentArgumentError('labels', `have different lengths (${a.length} vs ${b.length})`);
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = w * a[i] + (1 - w) * b[i];
  return out;
}
