import { CORRUPTION_NAMES, EXTRA_CORRUPTION_NAMES, PERTURBATION_NAMES, SEVERITY_LEVELS } from '@vpixmix/corruptions';

/** The 15 corruptions of CIFAR-10-C / CIFAR-100-C that mCE averages, in the published order (augment-core's list). */
export const benchmarkCorruptions = CORRUPTION_NAMES;

/** The 4 held-out corruptions that also ship in the CIFAR-10-C / -100-C archives (not part of mCE). */
export const extraCorruptions = EXTRA_CORRUPTION_NAMES;

/** The 10 perturbations of CIFAR-10-P / -100-P that mFR averages. */
export const benchmarkPerturbations = PERTURBATION_NAMES;

/** Noise perturbations: flip probability is measured against frame 0, not the previous frame. */
export const noisePerturbations = ['gaussian_noise', 'shot_noise', 'speckle_noise'] as const;

/** Severities per corruption in a -C set. */
export const SEVERITIES: number = SEVERITY_LEVELS.length;
