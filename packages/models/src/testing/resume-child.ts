// The process the kill-and-resume test kills: trains the resume fixture with checkpoints
// and a JSON-lines log; when about to take batch <hang at> it writes <marker> and blocks,
// as if in a long step, until the test kills it.
// Args: <checkpoint file> <log file> <hang at batch index> <marker file>.
import * as fs from 'node:fs';
import { initBackend } from '@vpixmix/tf-backend';
import { resumeRun, runResumeFixture } from './resume-fixture';

const [checkpointFile, logFile, hangAt, marker] = process.argv.slice(3);

function hangIfDue(index: number): void {
  if (index !== Number(hangAt)) return;
  fs.writeFileSync(marker, String(index));
  for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
}

initBackend('cpu')
  .then(() =>
    runResumeFixture(
      {
        checkpoint: { file: checkpointFile, everySteps: resumeRun.checkpointEvery },
        progress: { stream: null, jsonl: logFile },
      },
      hangIfDue,
    ),
  )
  .then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).stack}\n`);
      process.exit(1);
    },
  );
