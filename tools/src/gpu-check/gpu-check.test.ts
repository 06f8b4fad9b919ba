import { describe, expect, it } from 'vitest';
import { runGpuCheck } from './gpu-check';

describe('tools/gpu-check', () => {
  it('refuses, saying why, on a machine without a hardware GPU adapter (or prints figures where there is one)', async () => {
    const lines: string[] = [];
    const code = await runGpuCheck((line) => lines.push(line), 1);
    if (code === 2) {
      expect(lines).toEqual([expect.stringMatching(/^gpu-check: webgpu unavailable: .+/)]);
    } else {
      expect(lines[0]).toMatch(/^gpu-check: backend: webgpu/);
      expect(lines[0]).not.toMatch(/llvmpipe|lavapipe|swiftshader/i);
    }
  }, 600_000);
});
