import { attackBenchmark } from './attack';
import { augmentBenchmark } from './augment';
import type { Benchmark } from './benchmark';
import { decodeBenchmark } from './decode';
import { fractalsBenchmark } from './fractals';
import { pipelineBenchmark } from './pipeline';
import { trainBenchmark } from './train';

/** Every `vpixmix bench` measurement, in the order `vpixmix bench --help` lists them. */
export const benchmarks: readonly Benchmark[] = [augmentBenchmark, decodeBenchmark, fractalsBenchmark, pipelineBenchmark, attackBenchmark, trainBenchmark];
