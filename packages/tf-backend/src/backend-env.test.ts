import { describe, expect, it } from 'vitest';
import { BackendEnvError, backendFromEnv, resolveBackendRequest } from './backend-env';

describe('VPIXMIX_BACKEND', () => {
  it('reads a backend name (any case, spaces trimmed); unset or empty means none', () => {
    expect(backendFromEnv({ VPIXMIX_BACKEND: 'wasm' })).toBe('wasm');
    expect(backendFromEnv({ VPIXMIX_BACKEND: ' WebGPU ' })).toBe('webgpu');
    expect(backendFromEnv({})).toBeUndefined();
    expect(backendFromEnv({ VPIXMIX_BACKEND: '' })).toBeUndefined();
  });

  it('rejects anything else with a BackendEnvError naming the variable and the choices', () => {
    expect(() => backendFromEnv({ VPIXMIX_BACKEND: 'gpu' })).toThrow(BackendEnvError);
    expect(() => backendFromEnv({ VPIXMIX_BACKEND: 'gpu' })).toThrow(
      "VPIXMIX_BACKEND='gpu' is not a backend; set it to one of auto, tensorflow, webgpu, wasm, cpu, or unset it.",
    );
  });

  it('ranks an explicit flag over VPIXMIX_BACKEND over the default', () => {
    expect(resolveBackendRequest('cpu', 'auto', { VPIXMIX_BACKEND: 'wasm' })).toEqual({ request: 'cpu', source: 'flag' });
    expect(resolveBackendRequest(undefined, 'auto', { VPIXMIX_BACKEND: 'wasm' })).toEqual({ request: 'wasm', source: 'env' });
    expect(resolveBackendRequest(undefined, 'webgpu', {})).toEqual({ request: 'webgpu', source: 'default' });
    // A flag wins even over a bad variable (it is never read).
    expect(resolveBackendRequest('cpu', 'auto', { VPIXMIX_BACKEND: 'nonsense' }).request).toBe('cpu');
  });
});
