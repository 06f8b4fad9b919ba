import type { Benchmark } from './benchmark';

/** Every `vpixmix bench` measurement, in the order `vpixmix bench --help` lists them. */
export const benchmarks: readonly Benchmark[] = [];
