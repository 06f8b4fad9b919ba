import { describe, expect, it } from 'vitest';
import { gpuCheckCases, projectedEpoch, selectedCases } from './gpu-check';

describe('tools/gpu-check cases', () => {
  it('includes the WRN-40-4 batch-128 CIFAR step and projects its epoch from 50000/128 steps', () => {
    const wrn40 = gpuCheckCases.find((c) => c.model === 'wrn-40-4');
    if (!wrn40) throw new Error('no wrn-40-4 case');
    expect(wrn40).toMatchObject({ batch: 128, input: [32, 32, 3], numClasses: 10, epochImages: 50000 });
    expect(projectedEpoch(wrn40, 100)).toBe('projected epoch of 50000 images (390.6 steps of 128): 39.1 s');
    expect(projectedEpoch(gpuCheckCases[0], 100)).toBeUndefined();
  });

  it('GPU_CHECK_CASES keeps the named models and refuses unknown names, listing the known ones', () => {
    expect(selectedCases(undefined)).toBe(gpuCheckCases);
    expect(selectedCases('wrn-40-4, wrn-16-4').map((c) => c.model)).toEqual(['wrn-16-4', 'wrn-40-4']);
    expect(() => selectedCases('resnet50')).toThrow(/GPU_CHECK_CASES names resnet50; the cases are wrn-16-4, r3d-18, wrn-40-4/);
  });
});
