/** The 15 corruptions of CIFAR-10-C / CIFAR-100-C (Hendrycks & Dietterich, 2019) that mCE averages, in the published order. */
export const benchmarkCorruptions = [
  'gaussian_noise',
  'shot_noise',
  'impulse_noise',
  'defocus_blur',
  'glass_blur',
  'motion_blur',
  'zoom_blur',
  'snow',
  'frost',
  'fog',
  'brightness',
  'contrast',
  'elastic_transform',
  'pixelate',
  'jpeg_compression',
] as const;

/** The 4 held-out corruptions that also ship in the CIFAR-10-C / -100-C archives (not part of mCE). */
export const extraCorruptions = ['speckle_noise', 'gaussian_blur', 'spatter', 'saturate'] as const;

/** The 10 perturbations of CIFAR-10-P / -100-P that mFR averages. */
export const benchmarkPerturbations = [
  'gaussian_noise',
  'shot_noise',
  'motion_blur',
  'zoom_blur',
  'spatter',
  'brightness',
  'translate',
  'rotate',
  'tilt',
  'scale',
] as const;

/** Noise perturbations: flip probability is measured against frame 0, not the previous frame. */
export const noisePerturbations = ['gaussian_noise', 'shot_noise', 'speckle_noise'] as const;

export const SEVERITIES = 5;
