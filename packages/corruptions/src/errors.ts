import { AugmentArgumentError } from '@vpixmix/augment-core';

/** A severity outside 1-5 (or not an integer). */
export class CorruptionSeverityError extends AugmentArgumentError {
  override name = 'CorruptionSeverityError';
  constructor(corruption: string, severity: unknown) {
    super('severity', `${corruption} takes an integer severity from 1 to 5, got ${String(severity)}`);
  }
}

/** A corruption, perturbation or video corruption name that is not in the registry. */
export class UnknownCorruptionError extends AugmentArgumentError {
  override name = 'UnknownCorruptionError';
  constructor(kind: string, name: string, known: readonly string[]) {
    super(kind, `unknown ${kind} '${name}'; choose one of: ${known.join(', ')}`);
  }
}

/** An image (or clip) smaller than a corruption needs. */
export class ImageTooSmallError extends AugmentArgumentError {
  override name = 'ImageTooSmallError';
  constructor(operation: string, size: { width: number; height: number }, needs: string) {
    super('image', `${operation} needs ${needs}, got ${size.width}x${size.height}; resize the data up first`);
  }
}

/** A clip with fewer frames than a temporal corruption needs. */
export class ClipTooShortError extends AugmentArgumentError {
  override name = 'ClipTooShortError';
  constructor(operation: string, frames: number, needs: number) {
    super('clip', `${operation} needs at least ${needs} frames, got ${frames}`);
  }
}
