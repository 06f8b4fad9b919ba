import fs from 'node:fs';
import path from 'node:path';
import type * as tfl from '@tensorflow/tfjs-layers';
import { loadCheckpointModel, loadModel } from '@vpixmix/models';
import { type StoredPlan, planFileName, readPlan } from '../run/run-folder';
import { checkpointFileName } from '../train/train-unit';
import { ModelFolderError } from './errors';

/** A model to evaluate, and what its folder says about where it came from. */
export interface FoundModel {
  /** Reads the model (after the backend is chosen). */
  load(): Promise<tfl.LayersModel>;
  /** The folder or file it was read from, as given. */
  source: string;
  /** The arm label its results get: the run's arm, else the folder's name. */
  arm: string;
  /** The run unit's seed (the PGD seed a run would use), when it comes from a run. */
  seed?: number;
  /** The run's stored plan (its resolved recipe), when it comes from a run. */
  plan?: StoredPlan;
  planFile?: string;
}

const unitPattern = /[/\\]arms[/\\]([^/\\]+)[/\\]seed-(-?\d+)$/;

/** The units (arms/<arm>/seed-<n>) of a run folder that hold a checkpoint. */
function runUnits(runDir: string): string[] {
  const arms = path.join(runDir, 'arms');
  if (!fs.existsSync(arms)) return [];
  return fs
    .readdirSync(arms)
    .flatMap((arm) => (fs.statSync(path.join(arms, arm)).isDirectory() ? fs.readdirSync(path.join(arms, arm)).map((seed) => path.join(arms, arm, seed)) : []))
    .filter((unit) => fs.existsSync(path.join(unit, checkpointFileName)))
    .sort();
}

function fromCheckpoint(file: string, source: string): FoundModel {
  const unit = path.dirname(path.resolve(file));
  const match = unitPattern.exec(unit);
  const load = () => loadCheckpointModel(file);
  if (!match) return { load, source, arm: path.basename(unit) };
  const runDir = path.resolve(unit, '..', '..', '..');
  const planFile = path.join(runDir, planFileName);
  const plan = fs.existsSync(planFile) ? readPlan(runDir) : undefined;
  return { load, source, arm: match[1], seed: Number(match[2]), ...(plan ? { plan, planFile } : {}) };
}

/**
 * Finds the model `--model` names: a saved model folder (model.json + weights.bin, as
 * saveModel and `models import-torch` write), a training checkpoint (.safetensors), a run
 * unit folder (runs/<recipe>/<date>/arms/<arm>/seed-<n>, its checkpoint), or a run folder
 * with one unit. A run's model brings its plan: the settings it was evaluated with.
 */
export function findModel(given: string): FoundModel {
  const target = path.resolve(given);
  if (!fs.existsSync(target)) throw new ModelFolderError(`--model ${given} does not exist; pass a saved model folder (model.json), a run's arms/<arm>/seed-<n> folder, or a checkpoint .safetensors file.`);
  if (fs.statSync(target).isFile()) {
    if (!target.endsWith('.safetensors')) throw new ModelFolderError(`--model ${given} is a file but not a checkpoint (.safetensors); a saved model is a folder holding model.json.`);
    return fromCheckpoint(target, given);
  }
  if (fs.existsSync(path.join(target, 'model.json'))) return { load: () => loadModel(target), source: given, arm: path.basename(target) };
  if (fs.existsSync(path.join(target, checkpointFileName))) return fromCheckpoint(path.join(target, checkpointFileName), given);
  if (fs.existsSync(path.join(target, planFileName))) {
    const units = runUnits(target);
    if (units.length === 1) return fromCheckpoint(path.join(units[0], checkpointFileName), given);
    const listed = units.map((u) => path.relative(process.cwd(), u) || u).join(', ');
    throw new ModelFolderError(`${given} is a run folder with ${units.length} trained models; pass one of them with --model: ${listed || '(none has a checkpoint yet)'}.`);
  }
  throw new ModelFolderError(
    `--model ${given} holds no model: expected model.json (saveModel, 'vpixmix models import-torch'), ${checkpointFileName} (a run's arms/<arm>/seed-<n> folder) or ${planFileName} (a run folder).`,
  );
}
