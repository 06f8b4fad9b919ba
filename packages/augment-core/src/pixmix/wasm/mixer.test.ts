import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { Rng } from '../../rng';
import { randomFloatImage, randomImage } from '../../testing/images';
import { PIXMIX_CIFAR } from '../config';
import { mixInto, U8_TO_FLOAT, type MixingName } from '../mixings';
import { pixmix } from '../pixmix';
import { useWasmMixing, wasmMixer } from './mixer';

const bytes = (a: Float32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** Index of the first float32 whose bytes differ, or -1 (vitest's deep equality is slow on large arrays). */
function firstDifference(actual: Float32Array, expected: Float32Array): number {
  if (actual.length !== expected.length) return 0;
  if (Buffer.from(bytes(actual)).equals(Buffer.from(bytes(expected)))) return -1;
  const a = new Uint32Array(actual.slice().buffer);
  const e = new Uint32Array(expected.slice().buffer);
  return a.findIndex((word, i) => word !== e[i]);
}

afterEach(() => useWasmMixing(true));

describe('WebAssembly mixing kernels', () => {
  const mixer = wasmMixer();

  it('are available here', () => {
    expect(mixer).not.toBeNull();
  });

  // Float states that exercise every branch: +0 (SIMD tables), -0, subnormals, 1, tiny and large exponents.
  const edges = [0, -0, 1e-40, 1e-45, 1, 0.5, 1e-30, 2e-38, 0.999999, 3e-8];

  it.each([1, 3, 4, 7, 8, 13, 3072, 3075])('equal the JavaScript loops byte for byte (n = %i)', (n) => {
    const rng = Rng.seeded('kernels', n);
    const m = mixer!.prepare(n);
    for (let trial = 0; trial < 12; trial++) {
      const x1u = Uint8Array.from({ length: n }, () => rng.int(0, 256));
      const x2u = Uint8Array.from({ length: n }, () => rng.int(0, 256));
      const state = Float32Array.from({ length: n }, (_, i) => (trial % 3 === 0 && i % 5 === 0 ? edges[(i / 5 + trial) % edges.length] : rng.random() ** (1 + trial)));
      // The weights PixMix draws (a > 0), plus a <= 0 (0^a is not 0: the scalar path) and a = 1 exactly.
      const a = trial === 5 ? -0.5 : trial === 6 ? 1 : Math.fround(rng.random() * 2);
      const b = Math.fround(rng.random() * 2 - 1);
      for (const mixing of ['add', 'multiply'] as MixingName[]) {
        for (const firstRound of [true, false]) {
          for (const partnerIsPicture of [true, false]) {
            const x1 = firstRound ? x1u : state;
            const expected = new Float32Array(n);
            mixInto(mixing, x1, x2u, a, b, expected);
            m.base.set(x1u);
            m.state.set(state);
            (partnerIsPicture ? m.picture : m.partner).set(x2u);
            m.mix(mixing, firstRound, partnerIsPicture, a, b);
            const label = `${mixing} first=${firstRound} picture=${partnerIsPicture} trial=${trial}`;
            expect(firstDifference(m.state, expected), label).toBe(-1);
          }
        }
      }
    }
  });

  it('convert 8-bit values as ToTensor does (U8_TO_FLOAT), every value, any length', () => {
    for (const n of [1, 5, 256, 259]) {
      const m = mixer!.prepare(n);
      for (let i = 0; i < n; i++) m.base[i] = (i * 97) % 256;
      m.baseToState();
      const expected = Float32Array.from(m.base, (v) => U8_TO_FLOAT[v]);
      expect(firstDifference(m.state, expected), `n = ${n}`).toBe(-1);
    }
  });

  it('grow memory for large images and keep their tables', () => {
    const n = 300 * 300 * 3;
    const m = mixer!.prepare(n);
    const rng = Rng.seeded('large');
    const x1 = Float32Array.from({ length: n }, () => rng.random());
    const x2 = Uint8Array.from({ length: n }, () => rng.int(0, 256));
    const expected = new Float32Array(n);
    mixInto('multiply', x1, x2, 0.7, 0.3, expected);
    m.state.set(x1);
    m.partner.set(x2);
    m.mix('multiply', false, false, 0.7, 0.3);
    expect(firstDifference(m.state, expected)).toBe(-1);
    mixer!.prepare(12);
  });
});

describe('pixmix with and without the WebAssembly kernels', () => {
  it('gives the same bytes across seeds, sizes and configurations', () => {
    for (let seed = 0; seed < 80; seed++) {
      const size = [5, 8, 32, 33][seed % 4];
      const image = randomImage(size, size, `i${seed}`);
      const picture = randomImage(size, size, `p${seed}`);
      const cfg = { ...PIXMIX_CIFAR, k: 1 + (seed % 6), beta: [0.3, 1, 3][seed % 3] };
      useWasmMixing(true);
      const fast = pixmix(image, picture, cfg, Rng.seeded(seed));
      useWasmMixing(false);
      const plain = pixmix(image, picture, cfg, Rng.seeded(seed));
      expect(firstDifference(fast.image.data, plain.image.data), `seed ${seed}`).toBe(-1);
    }
  });
});

describe('pixmix bytes are pinned', () => {
  // The SHA-256 of these outputs as of the JavaScript-only implementation: a change here
  // changes what a seed produces, which must be deliberate and documented.
  it('for 8-bit and float mixing pictures', () => {
    const hash = createHash('sha256');
    for (let seed = 0; seed < 96; seed++) {
      const size = seed % 8 === 0 ? 112 : 32;
      const image = randomImage(size, size, `pin-i${seed % 11}`);
      const picture = seed % 3 === 0 ? randomFloatImage(size, size, `pin-p${seed % 7}`) : randomImage(size, size, `pin-p${seed % 7}`);
      hash.update(bytes(pixmix(image, picture, PIXMIX_CIFAR, Rng.seeded(seed, 'pin')).image.data));
    }
    expect(hash.digest('hex').slice(0, 32)).toBe('8afec51face7f8ded8a811de07c0b44a');
  });
});
