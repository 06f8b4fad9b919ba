import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../main';
import { captureIo as capture } from '../testing/capture-io';

// The golden scikit-learn/numpy cases, read from the shared folder by path.
const golden = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../..', '../shared/golden/metrics/cases.json'), 'utf8'));
const dir = mkdtempSync(path.join(os.tmpdir(), 'vpixmix-metrics-'));

function scoreFile(name: string, content: unknown): string {
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

async function metrics(...args: string[]): Promise<{ code: number; result: Record<string, number>; err: string }> {
  const io = capture();
  const code = await main(['metrics', ...args], io);
  return { code, result: code === 0 ? JSON.parse(io.outText) : {}, err: io.errText };
}

function pick(object: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, object[k]]));
}

describe('vpixmix metrics', () => {
  it('scores every golden case from a JSON file, within 1e-6', async () => {
    const { anomaly, calibration, flip, mce } = golden.cases;
    for (const [i, c] of anomaly.entries()) {
      const { code, result } = await metrics('anomaly', scoreFile(`anomaly-${i}`, pick(c, ['in_scores', 'out_scores'])));
      expect(code).toBe(0);
      for (const key of ['auroc', 'aupr_out', 'aupr_in', 'fpr_at_95_tpr']) expect(Math.abs(result[key] - c[key])).toBeLessThan(1e-6);
    }
    for (const [i, c] of calibration.entries()) {
      const { result } = await metrics('calibration', scoreFile(`calibration-${i}`, pick(c, ['confidence', 'correct', 'bin_size'])));
      for (const key of ['rms_all_bins', 'rms_reference_skips_last_bin']) expect(Math.abs(result[key] - c[key])).toBeLessThan(1e-6);
    }
    for (const [i, c] of flip.entries()) {
      for (const noise of [false, true]) {
        const { result } = await metrics('flip', scoreFile(`flip-${i}`, { predictions: c.predictions, noise }));
        const expected = noise ? c.flip_probability_vs_first_frame : c.flip_probability_consecutive;
        expect(Math.abs(result['flip_probability'] - expected)).toBeLessThan(1e-6);
      }
    }
    for (const [i, c] of mce.entries()) {
      const { result } = await metrics('mce', scoreFile(`mce-${i}`, pick(c, ['errors', 'baseline_errors'])));
      for (const key of ['unnormalized_mce', 'normalized_mce']) expect(Math.abs(result[key] - c[key])).toBeLessThan(1e-6);
    }
  });

  it('draws a figure on request', async () => {
    const c = golden.cases.calibration[0];
    const figure = path.join(dir, 'figures', 'reliability');
    const io = capture();
    expect(await main(['metrics', 'calibration', scoreFile('fig', pick(c, ['confidence', 'correct'])), '--figure', `${figure}.png`], io)).toBe(0);
    expect(readFileSync(`${figure}.png`).subarray(1, 4).toString()).toBe('PNG');
    expect(readFileSync(`${figure}.svg`, 'utf8')).toMatch(/Reliability, RMS 0\.1086/);
    expect(io.errText).toMatch(/wrote .*reliability\.png/);
  });

  it('answers bad files and fields with a typed error naming them', async () => {
    let r = await metrics('anomaly', path.join(dir, 'missing.json'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/MetricsFileError: cannot read .*missing\.json/);
    r = await metrics('anomaly', scoreFile('broken', '{"in_scores": [1,'));
    expect(r.err).toMatch(/MetricsFileError: .*broken\.json is not valid JSON/);
    r = await metrics('anomaly', scoreFile('no-out', { in_scores: [1, 2] }));
    expect(r.err).toMatch(/no-out\.json: field 'out_scores' is missing; this kind needs \{in_scores, out_scores\}/);
    r = await metrics('anomaly', scoreFile('text', { in_scores: [1, 'x'], out_scores: [3] }));
    expect(r.err).toMatch(/field 'in_scores' must hold finite numbers; item 1 is "x"/);
    r = await metrics('calibration', scoreFile('conf', { confidence: [0.5, 1.5], correct: [1, 0] }));
    expect(r.err).toMatch(/conf\.json: field 'confidence' must hold confidences in \[0, 1\]; item 1 is 1\.5/);
    r = await metrics('calibration', scoreFile('pairs', { confidence: [0.5, 0.5], correct: [1] }));
    expect(r.err).toMatch(/field 'correct' has 1 values but confidence has 2/);
    r = await metrics('calibration', scoreFile('bins', { confidence: [0.5], correct: [1], bin_size: 0 }));
    expect(r.err).toMatch(/field 'bin_size' must be an integer >= 1; got 0/);
    r = await metrics('flip', scoreFile('noise', { predictions: [[1, 2]], noise: 'yes' }));
    expect(r.err).toMatch(/field 'noise' must be true or false/);
    r = await metrics('flip', scoreFile('short', { predictions: [[1, 2], [3]] }));
    expect(r.err).toMatch(/field 'predictions\[1\]' has 1 frame/);
    r = await metrics('mce', scoreFile('shape', { errors: [[0.1, 0.2]], baseline_errors: [[0.1]] }));
    expect(r.err).toMatch(/field 'baseline_errors': is 1x1 but errors is 1x2/);
    r = await metrics('mce', scoreFile('array', [1, 2]));
    expect(r.err).toMatch(/must hold one JSON object/);
    r = await metrics('nope', 'x.json');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown kind 'nope'; choose one of anomaly, calibration, flip, mce/);
  });

  it('refuses what it would otherwise score wrongly: unknown fields, percent errors, infinities, fractional classes', async () => {
    let r = await metrics('calibration', scoreFile('misspelt', { confidence: [0.5, 0.9], correct: [1, 0], bin_szie: 1 }));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/misspelt\.json: field 'bin_szie' is not a field of this kind; did you mean 'bin_size'\? This kind reads 'confidence', 'correct', 'bin_size'/);
    r = await metrics('anomaly', scoreFile('extra', { in_scores: [1], out_scores: [2], labels: [0, 1] }));
    expect(r.err).toMatch(/field 'labels' is not a field of this kind\. This kind reads 'in_scores', 'out_scores'/);
    r = await metrics('mce', scoreFile('percent', { errors: [[30, 40], [0.2, 0.3]] }));
    expect(r.err).toMatch(/field 'errors\[0\]' must hold error rates as fractions in \[0, 1\]; item 0 is 30 \(percent\? divide by 100\)/);
    r = await metrics('mce', scoreFile('baseline-percent', { errors: [[0.3]], baseline_errors: [[55]] }));
    expect(r.err).toMatch(/field 'baseline_errors\[0\]' must hold error rates as fractions in \[0, 1\]; item 0 is 55/);
    r = await metrics('anomaly', scoreFile('huge', '{"in_scores": [1e400, 2], "out_scores": [3]}'));
    expect(r.err).toMatch(/field 'in_scores' must hold finite numbers; item 0 is Infinity \(a number beyond ±1\.8e308, such as 1e400, overflows to infinity\)/);
    r = await metrics('flip', scoreFile('half-class', { predictions: [[1, 1.5, 2]] }));
    expect(r.err).toMatch(/field 'predictions\[0\]' must hold class indices \(integers >= 0\); item 1 is 1\.5/);
    r = await metrics('flip', scoreFile('negative-class', { predictions: [[1, -1]] }));
    expect(r.err).toMatch(/item 1 is -1/);
  });
});
