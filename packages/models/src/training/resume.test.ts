import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { initBackend } from '@vpixmix/tf-backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCheckpoint } from '../checkpoint/checkpoint';
import { CheckpointError } from '../errors';
import { createModel } from '../registry';
import { exited, spawnTsModule } from '../testing/child-process';
import { resumeRun, runResumeFixture, weightBytes } from '../testing/resume-fixture';
import { InMemoryTrainData, syntheticImages } from '../testing/synthetic-task';
import type { ProgressRecord } from './progress';
import { train } from './train';

const totalSteps = resumeRun.epochs * (resumeRun.images / resumeRun.batchSize);

function readLog(file: string): ProgressRecord[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ProgressRecord);
}

function stepLosses(records: ProgressRecord[]): [number, number | undefined][] {
  return records.filter((r) => r.event === 'step').map((r) => [r.globalStep, r.loss]);
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting for the child to reach the point where it is killed');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('kill and resume', () => {
  let dir: string;
  let reference: Awaited<ReturnType<typeof runResumeFixture>>;
  let referenceLog: ProgressRecord[];

  beforeAll(async () => {
    await initBackend('cpu');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vpixmix-resume-'));
    const log = path.join(dir, 'uninterrupted.jsonl');
    reference = await runResumeFixture({ progress: { stream: null, jsonl: log } });
    referenceLog = readLog(log);
  }, 240_000);

  it('a run SIGKILLed mid-epoch and resumed ends with bitwise the weights, and the loss curve, of the uninterrupted run', async () => {
    const checkpoint = path.join(dir, 'killed.safetensors');
    const log = path.join(dir, 'killed.jsonl');
    const marker = path.join(dir, 'hanging');
    // The child stops dead as it is about to take its 8th batch (the last of epoch two):
    // seven steps done, the last checkpoint at step 6 (one every 3 steps), mid-epoch; six
    // logged (losses are read back in batches, at the latest before each checkpoint, so
    // step 7's is still on the device). Then: SIGKILL.
    const child = spawnTsModule(path.join(__dirname, '../testing/resume-child.ts'), [checkpoint, log, '7', marker]);
    const done = exited(child);
    await waitFor(() => fs.existsSync(marker), 180_000);
    child.kill('SIGKILL');
    const { signal } = await done;
    expect(signal).toBe('SIGKILL');

    const saved = readCheckpoint(checkpoint).position;
    expect([saved.globalStep, saved.epoch, saved.batchInEpoch]).toEqual([6, 1, 2]); // mid-epoch
    expect(readLog(log).filter((r) => r.event === 'step').length).toBe(6); // step 7 is redone
    expect(saved.dataState).toEqual({ consumed: saved.globalStep, seed: 9 });

    const resumed = await runResumeFixture({
      checkpoint: { file: checkpoint, everySteps: resumeRun.checkpointEvery },
      resume: true,
      progress: { stream: null, jsonl: log },
    });
    expect(resumed.result.resumedFrom).toBe(saved.globalStep);
    expect(resumed.result.globalStep).toBe(totalSteps);

    const want = weightBytes(reference.model);
    const got = weightBytes(resumed.model);
    expect([...got.keys()]).toEqual([...want.keys()]);
    for (const [name, bytes] of want) expect(got.get(name)?.equals(bytes), name).toBe(true);

    // The log reads as one run: every step once, with the uninterrupted run's losses.
    expect(stepLosses(readLog(log))).toEqual(stepLosses(referenceLog));
    expect(readLog(log).filter((r) => r.event === 'epoch').map((r) => r.epochLoss)).toEqual(
      referenceLog.filter((r) => r.event === 'epoch').map((r) => r.epochLoss),
    );
  }, 300_000);

  it('stops on an abort signal with a checkpoint, and resumes from it to the same weights', async () => {
    const checkpoint = path.join(dir, 'aborted.safetensors');
    const controller = new AbortController();
    let steps = 0;
    const first = await runResumeFixture({
      checkpoint: { file: checkpoint },
      progress: {
        stream: {
          write: () => {
            if (++steps === 3) controller.abort();
            return true;
          },
        } as unknown as NodeJS.WritableStream,
        lineEveryMs: 0,
      },
      signal: controller.signal,
    });
    expect(first.result.stopped).toBe(true);
    expect(readCheckpoint(checkpoint).position.globalStep).toBe(first.result.globalStep);
    const second = await runResumeFixture({ checkpoint: { file: checkpoint }, resume: true, progress: { stream: null } });
    const want = weightBytes(reference.model);
    for (const [name, bytes] of weightBytes(second.model)) expect(bytes.equals(want.get(name) ?? Buffer.alloc(0)), name).toBe(true);
  }, 240_000);

  it('refuses to resume from a missing checkpoint, or into a different run', async () => {
    await expect(runResumeFixture({ checkpoint: { file: path.join(dir, 'none.safetensors') }, resume: true })).rejects.toThrow(
      /no checkpoint to resume from; run without --resume/,
    );
    const checkpoint = path.join(dir, 'aborted.safetensors');
    const { x, y } = syntheticImages(32, 4, 5, 'train');
    const model = createModel('wrn-10-1', { numClasses: 4, inputShape: [4, 4, 3], dropRate: 0.3 });
    await expect(
      train(model, new InMemoryTrainData(x, y, 8, 9), { epochs: 2, optimizer: { lr: 0.1 }, seed: 21, checkpoint: { file: checkpoint }, resume: true, progress: { stream: null } }),
    ).rejects.toThrow(CheckpointError);
    await expect(
      train(model, new InMemoryTrainData(x, y, 8, 9), { epochs: 2, optimizer: { lr: 0.1 }, seed: 21, checkpoint: { file: checkpoint }, resume: true, progress: { stream: null } }),
    ).rejects.toThrow(/lr: checkpoint 0.05, now 0.1/);
  }, 120_000);
});
