export {
  initBackend,
  backendRequests,
  BackendUnavailableError,
  type BackendRequest,
  type BackendChoice,
  type BackendOptions,
} from './init-backend';
export {
  backendEnvVar,
  backendFromEnv,
  resolveBackendRequest,
  BackendEnvError,
  type ResolvedBackendRequest,
} from './backend-env';
export { registerWasmKernels, stockWasmKernel, wasmKernelConfigs } from './kernels/register';
export { configureWasmBackend, wasmThreading, type WasmThreading } from './wasm/register-threaded-wasm';
export { exposeDawnWebGpu, probeDawnAdapter, isSoftwareAdapter, type WebGpuAdapter } from './webgpu/start-webgpu';
export { profileKernels, formatKernelProfile, kernelTimer, type KernelProfile, type KernelTiming } from './profile/kernel-profile';
export { registerWebGpuKernels, useWebGpuKernels, webGpuKernelsEnabled } from './webgpu/kernels/register-webgpu-kernels';
