import {
  aupr,
  auroc,
  corruptionSummary,
  expectedCalibrationError,
  flipProbability,
  fprAtTpr,
  MetricInputError,
  reliabilityDiagram,
  rmsCalibrationError,
  rocCurve,
} from '@vpixmix/metrics';
import { barChart, xyChart } from '../report/figures/chart';
import { MetricsFileError } from './errors';
import { Fields, readJsonObject } from './fields';

export const scoreKinds = ['anomaly', 'calibration', 'flip', 'mce'] as const;
export type ScoreKind = (typeof scoreKinds)[number];

/** What each kind reads, for help texts and messages. */
export const scoreKindFields: Record<ScoreKind, string> = {
  anomaly: '{in_scores, out_scores}: arrays of anomaly scores (higher = more anomalous; OOD is the positive class)',
  calibration: '{confidence, correct, bin_size?}: confidences in [0, 1], 0/1 correctness, bin size (default 100)',
  flip: '{predictions, noise?}: per video the predicted class of each frame; noise = true compares with frame 0',
  mce: '{errors, baseline_errors?, corruptions?}: errors[corruption][severity] in [0, 1], same-shape baseline, names',
};

export interface Scored {
  /** The one JSON object the command prints. */
  result: Record<string, unknown>;
  /** An SVG picture of it, where one helps. */
  figure?: () => string;
}

// The metrics package names its arguments in camelCase; the file uses the golden cases' names.
const fieldOf: Record<string, string> = {
  inScores: 'in_scores',
  outScores: 'out_scores',
  binSize: 'bin_size',
  baselineErrors: 'baseline_errors',
};

function fileError(file: string, error: unknown): unknown {
  if (!(error instanceof MetricInputError)) return error;
  const [head, ...rest] = error.argument.split('[');
  const field = [fieldOf[head] ?? head, ...rest].join('[');
  return new MetricsFileError(`${file}: field '${field}': ${error.message.slice(error.argument.length + 2)}`);
}

/** The fields each kind reads; any other is refused (a misspelt optional field would otherwise fall back to its default silently). */
const knownFields: Record<ScoreKind, readonly string[]> = {
  anomaly: ['in_scores', 'out_scores'],
  calibration: ['confidence', 'correct', 'bin_size'],
  flip: ['predictions', 'noise'],
  mce: ['errors', 'baseline_errors', 'corruptions'],
};

const errorRange = { min: 0, max: 1, what: 'error rates as fractions in [0, 1]', hint: 'percent? divide by 100' };

function anomaly(fields: Fields): Scored {
  const inScores = fields.numbers('in_scores');
  const outScores = fields.numbers('out_scores');
  return {
    result: {
      in_count: inScores.length,
      out_count: outScores.length,
      auroc: auroc(inScores, outScores),
      aupr_out: aupr(inScores, outScores),
      aupr_in: aupr(inScores, outScores, { positive: 'in' }),
      fpr_at_95_tpr: fprAtTpr(inScores, outScores),
    },
    figure: () => {
      const roc = rocCurve(inScores, outScores);
      return xyChart({
        title: `ROC, AUROC ${auroc(inScores, outScores).toFixed(4)}`,
        xLabel: 'false positive rate (in flagged)',
        yLabel: 'true positive rate (OOD caught)',
        series: [{ name: 'ROC', points: Array.from(roc.fpr, (f, i) => [f, roc.tpr[i]] as const), markers: false }],
        xRange: [0, 1],
        yRange: [0, 1],
        diagonal: true,
      });
    },
  };
}

function calibration(fields: Fields): Scored {
  const confidence = fields.numbers('confidence', undefined, 'confidence', { min: 0, max: 1, what: 'confidences in [0, 1]', hint: 'percent? divide by 100' });
  const correct = fields.flags('correct');
  if (correct.length !== confidence.length) {
    fields.fail('correct', `has ${correct.length} values but confidence has ${confidence.length}; give one per example.`);
  }
  const binSize = fields.optionalInteger('bin_size', 100, 1);
  return {
    result: {
      count: confidence.length,
      bin_size: binSize,
      rms_all_bins: rmsCalibrationError(confidence, correct, { binSize }),
      rms_reference_skips_last_bin: rmsCalibrationError(confidence, correct, { binSize, bins: 'reference-skips-last' }),
      ece_15_bins: expectedCalibrationError(confidence, correct, { numBins: 15 }),
      accuracy: correct.reduce((a, b) => a + b, 0) / correct.length,
      mean_confidence: confidence.reduce((a, b) => a + b, 0) / confidence.length,
    },
    figure: () => {
      const bins = reliabilityDiagram(confidence, correct, { numBins: 15 });
      return xyChart({
        title: `Reliability, RMS ${rmsCalibrationError(confidence, correct, { binSize }).toFixed(4)}`,
        xLabel: 'confidence (15 equal-width bins)',
        yLabel: 'accuracy',
        columns: bins.filter((b) => b.count > 0).map((b) => ({ x0: b.lower, x1: b.upper, y: b.accuracy })),
        series: [
          {
            name: 'mean confidence vs accuracy per bin',
            points: bins.filter((b) => b.count > 0).map((b) => [b.meanConfidence, b.accuracy] as const),
            markers: true,
          },
        ],
        xRange: [0, 1],
        yRange: [0, 1],
        diagonal: true,
      });
    },
  };
}

function flip(fields: Fields): Scored {
  const predictions = fields.rows('predictions', 'predicted classes, one array per video', { integer: true, min: 0, what: 'class indices (integers >= 0)' });
  const noise = fields.optionalBoolean('noise', false);
  predictions.forEach((video, v) => {
    if (video.length < 2) fields.fail(`predictions[${v}]`, `has ${video.length} frame; a sequence needs at least two.`);
  });
  const consecutive = flipProbability(predictions);
  const vsFirst = flipProbability(predictions, { noise: true });
  return {
    result: {
      videos: predictions.length,
      noise,
      flip_probability: noise ? vsFirst : consecutive,
      flip_probability_consecutive: consecutive,
      flip_probability_vs_first_frame: vsFirst,
    },
  };
}

function mce(fields: Fields): Scored {
  const errors = fields.rows('errors', 'errors, one array of severities per corruption', errorRange);
  const baseline = fields.has('baseline_errors') ? fields.rows('baseline_errors', 'baseline errors', errorRange) : undefined;
  const names = fields.optionalStrings('corruptions', errors.length);
  const summary = corruptionSummary(errors, { baselineErrors: baseline });
  const result: Record<string, unknown> = {
    corruptions: errors.length,
    severities: errors[0].length,
    unnormalized_mce: summary.unnormalizedMce,
  };
  if (baseline) result['normalized_mce'] = summary.normalizedMce;
  result['per_corruption'] = summary.perCorruption.map((row, c) => ({
    ...(names ? { name: names[c] } : {}),
    error: row.error,
    ...(row.normalizedError !== undefined ? { normalized_error: row.normalizedError } : {}),
  }));
  return {
    result,
    figure: () =>
      barChart({
        title: `Corruption error, mCE ${summary.unnormalizedMce.toFixed(4)}`,
        yLabel: 'error (mean over severities)',
        categories: names ?? errors.map((_, c) => String(c + 1)),
        series: [
          { name: 'model', values: summary.perCorruption.map((r) => r.error) },
          ...(baseline ? [{ name: 'baseline', values: baseline.map((row) => row.reduce((a, b) => a + b, 0) / row.length) }] : []),
        ],
        yRange: [0, 1],
        note: 'lower is better',
      }),
  };
}

const scorers: Record<ScoreKind, (fields: Fields) => Scored> = { anomaly, calibration, flip, mce };

/** Reads a score file and computes the metric of its kind. */
export function scoreFile(kind: ScoreKind, file: string): Scored {
  const fields = new Fields(file, readJsonObject(file), scoreKindFields[kind]);
  fields.onlyKnown(knownFields[kind]);
  try {
    return scorers[kind](fields);
  } catch (error) {
    throw fileError(file, error);
  }
}
