// A process that installs the run's interrupt handler, then, once stopped, does `argv[2]` ms of
// synchronous work (as a stop that writes a report does) before exiting with 130.
import { installInterruptHandler } from '../interrupt';

const busyMs = Number(process.argv[2] ?? '10000');
const handler = installInterruptHandler({ out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) });
handler.signal.addEventListener('abort', () => {
  process.stdout.write('stopping\n');
  setImmediate(() => {
    const end = Date.now() + busyMs;
    while (Date.now() < end) {
      // synchronous work: no JavaScript handler could run here
    }
    process.exit(130);
  });
});
process.stdout.write('ready\n');
setInterval(() => undefined, 1000);
