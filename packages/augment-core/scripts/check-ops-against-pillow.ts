/**
 * Compares every op with the cases pillow-cases.py wrote (bit-exact expected):
 *
 *   /usr/bin/python3 packages/augment-core/scripts/pillow-cases.py /tmp/pillow-cases.json
 *   node -r ts-node/register packages/augment-core/scripts/check-ops-against-pillow.ts /tmp/pillow-cases.json
 */
import { readFileSync } from 'node:fs';
import { createImage, getOp } from '../src';

interface Case {
  op: string;
  param: number | null;
  w: number;
  h: number;
  in: number[];
  out: number[];
}

const file = process.argv[2];
if (!file) throw new Error('usage: check-ops-against-pillow.ts CASES.json (from pillow-cases.py)');
const { pillow, cases } = JSON.parse(readFileSync(file, 'utf8')) as { pillow: string; cases: Case[] };
const mismatches = new Map<string, number>();
let worst = 0;
for (const c of cases) {
  const op = getOp(c.op);
  const out = op.apply(createImage(c.w, c.h, Uint8Array.from(c.in)), op.fromValue(c.param));
  let diff = 0;
  for (let i = 0; i < c.out.length; i++) diff = Math.max(diff, Math.abs(out.data[i] - c.out[i]));
  if (diff > 0) {
    mismatches.set(c.op, (mismatches.get(c.op) ?? 0) + 1);
    worst = Math.max(worst, diff);
  }
}
console.log(`${cases.length} cases (Pillow ${pillow}): ${mismatches.size === 0 ? 'all bit-exact' : `mismatches ${JSON.stringify(Object.fromEntries(mismatches))}, worst ${worst} levels`}`);
process.exitCode = mismatches.size === 0 ? 0 : 1;
