import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writePng } from '@vpixmix/video-io';
import { describe, expect, it } from 'vitest';
import { main } from './main';
import { captureIo } from './testing/capture-io';

const bin = path.join(__dirname, '..', '..', 'bin', 'vpixmix.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vpixmix-cli-small-'));

async function cli(...argv: string[]) {
  const io = captureIo();
  const code = await main(argv, io);
  return { code, out: io.outText, err: io.errText };
}

describe('the CLI, small things', () => {
  it('vpixmix --version prints the package version', async () => {
    const version = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version;
    for (const flag of ['--version', '-V']) {
      const r = await cli(flag);
      expect(r.code).toBe(0);
      expect(r.out.trim()).toBe(`vpixmix ${version}`);
    }
  });

  it('a negative number after an option is its value, answered by the option check (not parseArgs\' "ambiguous")', async () => {
    const r = await cli('run', 'quickstart', '--epochs', '-1', '--dry-run');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/UsageError: --epochs must be an integer >= 1; got '-1'/);
    expect(r.err).not.toMatch(/ambiguous/);
  });

  it('op does not create missing folders for its output, and its help points at nothing users lack', async () => {
    const input = path.join(dir, 'in.png');
    await writePng(input, { width: 4, height: 4, channels: 3, data: new Uint8Array(48).fill(100) });
    const out = path.join(dir, 'no', 'such', 'folder', 'out.png');
    const r = await cli('op', 'autocontrast', input, out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/the folder of the output .*out\.png does not exist .*create it first/);
    expect(fs.existsSync(path.join(dir, 'no'))).toBe(false);
    expect((await cli('op', 'autocontrast', input, path.join(dir, 'out.png'))).code).toBe(0);
    expect((await cli('op', '--help')).out).not.toMatch(/shared\//);
    for (const readme of ['README.md', 'packages/runner/README.md']) {
      expect(fs.readFileSync(path.join(__dirname, '..', '..', '..', '..', readme), 'utf8'), readme).not.toMatch(/\.\.\/shared\//);
    }
  });

  it("silences tfjs's 'install our node backend' banner (VPIXMIX_TFJS_WARNINGS=1 keeps it)", () => {
    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, [bin, 'models', 'info', 'wrn-10-1'], { encoding: 'utf8', env: { ...process.env, ...env } });
    const quiet = run({});
    expect(quiet.status).toBe(0);
    expect(quiet.stdout).toMatch(/"trainableParams":77850/);
    expect(quiet.stderr).not.toMatch(/install our node backend/);
    expect(run({ VPIXMIX_TFJS_WARNINGS: '1' }).stderr).toMatch(/install our node backend/);
  }, 120_000);
});
