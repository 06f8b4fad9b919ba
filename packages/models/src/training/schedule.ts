import { TrainConfigError } from '../errors';

/** How the learning rate moves over the run, as data. */
export type LrSchedule =
  /**
   * The reference's per-step cosine (cifar.py: LambdaLR over epochs * steps_per_epoch):
   * lr_t = minLr + (lr - minLr) * (1 + cos(pi * t / total)) / 2 for step t = 0, 1, ...
   * minLr is absolute: the reference passes 1e-6 / lr as the factor, so it ends at 1e-6.
   */
  | { kind: 'cosine'; minLr?: number }
  | { kind: 'constant' };

/** The learning rate of step `step` (0-based, counted over the whole run) out of `totalSteps`. */
export function learningRateAt(schedule: LrSchedule, baseLr: number, step: number, totalSteps: number): number {
  if (schedule.kind === 'constant') return baseLr;
  if (schedule.kind !== 'cosine') {
    throw new TrainConfigError('schedule', `unknown schedule '${(schedule as { kind: string }).kind}'; use cosine or constant`);
  }
  const minLr = schedule.minLr ?? 1e-6;
  // The factor as the reference computes it, then times the base rate, as LambdaLR does.
  const minFactor = minLr / baseLr;
  const factor = minFactor + (1 - minFactor) * 0.5 * (1 + Math.cos((step / totalSteps) * Math.PI));
  return baseLr * factor;
}
