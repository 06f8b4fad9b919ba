import { runGpuCheck } from './gpu-check';

// Entry point of tools/gpu-check (bundled by tools/gpu-check/pack.sh, or run with ts-node).
runGpuCheck((line) => console.log(line), Number(process.env['GPU_CHECK_STEPS'] ?? 3)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.log(`gpu-check: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  },
);
