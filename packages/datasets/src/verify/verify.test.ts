import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeCifarFixture } from '../fixtures/cifar-fixture';
import { writeCorruptionFixture } from '../fixtures/companion-fixture';
import { writeUcf101Fixture } from '../fixtures/ucf101-fixture';
import { openShapes } from '../synthetic/shapes';
import { writeNpy } from '../npy/write';
import { formatReport, md5File } from './report';
import { verificationFails, verifyAll, verifyDataset } from './verify';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const envFor = (folder: string) => ({ VPIXMIX_DATASETS: folder });

describe('datasets verify', () => {
  it('on an empty datasets folder: embedded sets ok, the rest missing with where to put what', () => {
    const env = envFor(path.join(dir, 'empty'));
    const reports = verifyAll({ env });
    const byName = Object.fromEntries(reports.map((r) => [r.name, r]));
    expect(byName.shapes.status).toBe('embedded');
    expect(byName.cifar10.status).toBe('missing');
    expect(byName['shapes-c'].optional).toBe(true);
    expect(verificationFails(reports, false)).toBe(false);
    expect(verificationFails([byName.cifar10], true)).toBe(true);
    const text = formatReport(byName.cifar10);
    const folder = path.join(dir, 'empty', 'cifar10', 'cifar-10-batches-bin');
    expect(text).toContain(`none of its 6 required files is there (e.g. ${path.join(folder, 'data_batch_1.bin')})`);
    expect(byName.cifar10.checks[0].message).toBe('missing: expected 10,000 records of 3073 bytes (30,730,000 bytes)');
    expect(text).toContain('cifar-10-binary.tar.gz (170,052,171 bytes, md5 c32a1d4ab5d03f1284b67883e8d87530)');
    expect(text).toContain(`tar -xzf cifar-10-binary.tar.gz -C ${path.join(dir, 'empty', 'cifar10')}`);
    expect(formatReport(byName['shapes-c'])).toContain('npx vpixmix corrupt --dataset shapes --out');
  });

  it('checks CIFAR sizes against the official release, or only the record layout', () => {
    const data = path.join(dir, 'cifar');
    writeCifarFixture('cifar10', path.join(data, 'cifar10'), { trainPerFile: 3, test: 2 });
    const env = envFor(data);
    const official = verifyDataset('cifar10', { env });
    expect(official.status).toBe('invalid');
    expect(formatReport(official)).toMatch(/data_batch_1.bin: 9,219 bytes, expected 30,730,000 \(10,000 records of 3073 bytes\)/);
    expect(verifyDataset('cifar10', { env, official: false }).status).toBe('ok');
    fs.rmSync(path.join(data, 'cifar10', 'cifar-10-batches-bin', 'test_batch.bin'));
    const partial = verifyDataset('cifar10', { env, official: false });
    expect(partial.status).toBe('incomplete');
    expect(formatReport(partial)).toContain('test_batch.bin: missing');
    fs.writeFileSync(path.join(data, 'cifar10', 'cifar-10-batches-bin', 'test_batch.bin'), Buffer.alloc(3073, 200));
    expect(formatReport(verifyDataset('cifar10', { env, official: false }))).toContain('record 0 has label byte(s) 200: not a cifar10 file');
  });

  it('compares MD5 sums with datasets/<name>/checksums.md5 when asked', () => {
    const data = path.join(dir, 'sums');
    const folder = writeCifarFixture('cifar100', path.join(data, 'cifar100'), { trainPerFile: 2, test: 2 });
    const sums = path.join(dir, 'sums-lists');
    fs.mkdirSync(path.join(sums, 'cifar100'), { recursive: true });
    const good = md5File(path.join(folder, 'train.bin'));
    fs.writeFileSync(path.join(sums, 'cifar100', 'checksums.md5'), `${good}  cifar-100-binary/train.bin\n${'0'.repeat(32)}  cifar-100-binary/test.bin\n`);
    const report = verifyDataset('cifar100', { env: envFor(data), official: false, checksums: true, checksumsFolder: sums });
    expect(report.status).toBe('invalid');
    const text = formatReport(report);
    expect(text).toContain(`test.bin: md5 ${md5File(path.join(folder, 'test.bin'))}, but cifar100/checksums.md5 records 00000000000000000000000000000000`);
    expect(report.checks.find((c) => c.path.endsWith('train.bin') && c.message.startsWith('md5'))?.ok).toBe(true);
  });

  it('checks -C headers without reading the data, and generated companions for consistency', async () => {
    const data = path.join(dir, 'companions');
    const small = path.join(data, 'cifar10-c', 'CIFAR-10-C');
    writeNpy(path.join(small, 'fog.npy'), { shape: [5, 32, 32, 3], data: new Uint8Array(5 * 3072) });
    const published = verifyDataset('cifar10-c', { env: envFor(data) });
    expect(published.status).toBe('invalid');
    expect(formatReport(published)).toMatch(/fog.npy: shape \(5, 32, 32, 3\), expected uint8 \(50000, 32, 32, 3\)/);
    expect(formatReport(published)).toMatch(/gaussian_noise.npy: missing/);
    await writeCorruptionFixture(path.join(data, 'shapes-c'), openShapes('test', { testSize: 4 }), { names: ['fog', 'contrast'] });
    const generated = verifyDataset('shapes-c', { env: envFor(data) });
    expect(generated.status).toBe('ok');
    expect(generated.summary).toContain('2 corruption files, (20, 32, 32, 3) each');
    writeNpy(path.join(data, 'shapes-c', 'snow.npy'), { shape: [10, 32, 32, 3], data: new Uint8Array(10 * 3072) });
    expect(verifyDataset('shapes-c', { env: envFor(data) }).status).toBe('invalid');
    expect(verifyAll({ env: envFor(data) }).map((r) => r.name)).toContain('shapes-c');
  });

  it('checks the UCF101 lists and that every listed video is on disk', async () => {
    const data = path.join(dir, 'video');
    const root = path.join(data, 'ucf101');
    const written = await writeUcf101Fixture(root, { groupsPerClass: 2, frames: 4, width: 16, height: 12 });
    expect(verifyDataset('ucf101', { env: envFor(data), official: false }).status).toBe('ok');
    expect(formatReport(verifyDataset('ucf101', { env: envFor(data) }))).toMatch(/classInd.txt: 3 classes, the official file has 101/);
    fs.rmSync(path.join(root, 'UCF-101', written.train[0]));
    const report = verifyDataset('ucf101', { env: envFor(data), official: false });
    expect(report.status).toBe('incomplete');
    expect(formatReport(report)).toContain(`1 of 6 listed videos missing, e.g. ${path.join(root, 'UCF-101', written.train[0])}`);
  }, 60_000);
});
