import { spawnSync } from 'node:child_process';

/** Dawn toggles: kernel timestamps at full resolution (Dawn rounds them to 100 us by default), for --profile. */
const dawnFlags = ['disable-dawn-features=timestamp_quantization'];

const noAdapter = 'no GPU adapter (Dawn found no Vulkan, Metal or D3D12 device)';

interface DawnModule {
  create(options: string[]): GpuLike;
  globals: Record<string, unknown>;
}

interface AdapterLike {
  info?: { vendor?: string; architecture?: string; device?: string; description?: string };
}

interface GpuLike {
  requestAdapter(options?: { powerPreference?: string }): Promise<AdapterLike | null>;
}

/** What the WebGPU probe found: the adapter, in words. */
export interface WebGpuAdapter {
  description: string;
}

function describe(adapter: AdapterLike): string {
  const info = adapter.info ?? {};
  const words = [info.vendor, info.architecture, info.device, info.description].filter((w) => w && w.length > 0);
  return words.length > 0 ? words.join(' ') : 'unnamed adapter';
}

/**
 * Puts Dawn's WebGPU (the `webgpu` npm package) where tfjs-backend-webgpu looks for it,
 * `navigator.gpu` and the GPU* globals, once a GPU adapter exists. Throws, saying why, when
 * the package is missing or Dawn finds no adapter. Must run before
 * `@tensorflow/tfjs-backend-webgpu` is first loaded: it registers its backend only if
 * `navigator.gpu` exists at that moment.
 */
export async function exposeDawnWebGpu(): Promise<WebGpuAdapter> {
  let dawn: DawnModule;
  try {
    dawn = require('webgpu') as DawnModule;
  } catch (error) {
    throw new Error(`the 'webgpu' package (Dawn) does not load: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  const gpu = dawn.create(dawnFlags);
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new Error(noAdapter);
  for (const [name, value] of Object.entries(dawn.globals)) {
    if (!(name in globalThis)) Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  }
  const scope = globalThis as { navigator?: { gpu?: unknown } };
  if (!scope.navigator) {
    Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
  } else if (!scope.navigator.gpu) {
    Object.defineProperty(scope.navigator, 'gpu', { value: gpu, configurable: true });
  }
  return { description: describe(adapter) };
}

/**
 * Asks Dawn for an adapter in a child process (auto mode): on a machine without a GPU, Dawn
 * and Vulkan write their complaints to the console of whoever loads them, and a run's
 * output should not open with them. Throws, saying why, when there is no adapter.
 */
export function probeDawnAdapter(): void {
  let dawnPath: string;
  try {
    dawnPath = require.resolve('webgpu');
  } catch {
    throw new Error("the 'webgpu' package (Dawn) is not installed");
  }
  const script =
    `require(${JSON.stringify(dawnPath)}).create([]).requestAdapter({ powerPreference: 'high-performance' })` +
    '.then((a) => process.exit(a ? 0 : 3), () => process.exit(3))';
  const probe = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 });
  if (probe.status === 0) return;
  if (probe.status === 3) throw new Error(noAdapter);
  const line = `${probe.stderr ?? ''}${probe.error ? probe.error.message : ''}`.split('\n').map((l) => l.trim()).find((l) => /error/i.test(l));
  throw new Error(`the 'webgpu' package (Dawn) does not load: ${line ?? `exit status ${probe.status ?? probe.signal}`}`);
}
