import fs from 'node:fs';
import path from 'node:path';
import { writePng } from '@vpixmix/video-io';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFolder } from '../run/testing/fixtures';
import { openMixingSource } from './mixing';

const root = tempFolder('mixing');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('openMixingSource', () => {
  it('warns (for stderr) about each picture of a mixing folder it skips, not only counting it', async () => {
    await writePng(path.join(root, 'good.png'), { width: 20, height: 20, channels: 3, data: new Uint8Array(1200).fill(90) });
    fs.writeFileSync(path.join(root, 'broken.png'), Buffer.from('not a png at all'));
    const warnings: string[] = [];
    const source = await openMixingSource({ source: 'folder', path: root } as never, 16, 1, (line) => warnings.push(line));
    expect(source.length).toBe(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^warning: mixing folder .*: skipped .*broken\.png, it cannot be read as a picture \(/);
  });
});
