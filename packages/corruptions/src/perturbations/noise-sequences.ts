import { fillNormal } from '../filters/random-fields';
import { shotNoiseSampler } from '../filters/poisson';
import { definePerturbation } from './build';

/**
 * Frame 0 is the clean image, frames 1-30 fresh Gaussian noise of `std` each, computed in
 * float32 and truncated as torch's to_numpy does.
 */
function gaussianSequence(name: string, std: number) {
  return definePerturbation({
    name,
    frames: 31,
    noise: true,
    build(pixels, _size, rng) {
      const x = Float64Array.from(pixels, (v) => Math.fround(v / 255));
      const s = Math.fround(std);
      const noise = new Float64Array(x.length);
      const frames = [Uint8Array.from(pixels)];
      for (let t = 1; t < 31; t++) {
        fillNormal(rng, noise);
        const frame = new Uint8Array(x.length);
        for (let i = 0; i < x.length; i++) {
          const v = Math.fround(x[i] + Math.fround(s * Math.fround(noise[i])));
          frame[i] = Math.fround((v < 0 ? 0 : v > 1 ? 1 : v) * 255);
        }
        frames.push(frame);
      }
      return frames;
    },
  });
}

/** Frame 0 clean, frames 1-30 Poisson(x * photons) / photons each. */
function shotSequence(name: string, photons: number) {
  return definePerturbation({
    name,
    frames: 31,
    noise: true,
    build(pixels, _size, rng) {
      const sampler = shotNoiseSampler(photons);
      const frames = [Uint8Array.from(pixels)];
      const values = new Float64Array(pixels.length);
      for (let t = 1; t < 31; t++) {
        sampler.sample(pixels, rng, values);
        frames.push(Uint8Array.from(values, (v) => 255 * (v < 0 ? 0 : v > 1 ? 1 : v)));
      }
      return frames;
    },
  });
}

/** Frame 0 clean, frames 1-30 x + x * N(0, std) each (a validation perturbation of the -P archives). */
function speckleSequence(name: string, std: number) {
  return definePerturbation({
    name,
    frames: 31,
    noise: true,
    build(pixels, _size, rng) {
      const frames = [Uint8Array.from(pixels)];
      const noise = new Float64Array(pixels.length);
      for (let t = 1; t < 31; t++) {
        fillNormal(rng, noise, 0, std);
        frames.push(
          Uint8Array.from(pixels, (p, i) => {
            const x = p / 255;
            const v = x + x * noise[i];
            return 255 * (v < 0 ? 0 : v > 1 ? 1 : v);
          }),
        );
      }
      return frames;
    },
  });
}

export const noiseSequences = [
  gaussianSequence('gaussian_noise', 0.02),
  gaussianSequence('gaussian_noise_2', 0.04),
  gaussianSequence('gaussian_noise_3', 0.06),
  shotSequence('shot_noise', 700),
  shotSequence('shot_noise_2', 400),
  shotSequence('shot_noise_3', 200),
  speckleSequence('speckle_noise', 0.05),
  speckleSequence('speckle_noise_2', 0.07),
  speckleSequence('speckle_noise_3', 0.1),
];
