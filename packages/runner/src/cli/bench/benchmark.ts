import type { Runnable } from '../command';

/** One `vpixmix bench <name>` measurement. One file per benchmark, listed in ./index.ts. */
export type Benchmark = Runnable;
