/**
 * Runs `work` on every task with at most `concurrency` in flight and hands the results to
 * `consume` in task order (results that finish early wait). Stops at the first failure.
 */
export async function mapInOrder<T, R>(
  tasks: readonly T[],
  concurrency: number,
  work: (task: T, index: number) => Promise<R>,
  consume: (result: R, task: T, index: number) => void | Promise<void>,
): Promise<void> {
  const results = new Map<number, R>();
  let next = 0;
  let written = 0;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const running = new Set<Promise<void>>();
  const start = (index: number) => {
    const p = work(tasks[index], index).then(
      (r) => {
        results.set(index, r);
      },
      (error) => {
        failure ??= error;
      },
    );
    const tracked = p.finally(() => {
      running.delete(tracked);
      wake?.();
    });
    running.add(tracked);
  };
  while (written < tasks.length) {
    while (failure === undefined && next < tasks.length && running.size < Math.max(1, concurrency) && next - written < 4 * Math.max(1, concurrency)) start(next++);
    if (failure !== undefined) {
      await Promise.allSettled([...running]);
      throw failure;
    }
    if (results.has(written)) {
      const r = results.get(written) as R;
      results.delete(written);
      await consume(r, tasks[written], written);
      written++;
      continue;
    }
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
    wake = undefined;
  }
}
