import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';

/** The version of the CLI's package (@vpixmix/runner's package.json). */
export function cliVersion(): string {
  const file = path.join(__dirname, '..', '..', 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

/**
 * Silences TensorFlow.js's console notices for the CLI — above all the cpu backend's "looks
 * like you are running TensorFlow.js in Node.js ... install our node backend" banner, which
 * printed on every command that touched a tensor. They go through tfjs-core's `warn`/`log`,
 * which stay quiet in production mode (`PROD`, what `tf.enableProdMode()` sets; in this tfjs
 * version the flag gates nothing else). We print the backend in use ourselves, and where
 * tfjs-node-gpu helps (README). VPIXMIX_TFJS_WARNINGS=1 keeps tfjs's notices.
 */
export function quietTfjs(): void {
  if (process.env['VPIXMIX_TFJS_WARNINGS'] === '1') return;
  tf.env().set('PROD', true);
}
