import { spawnSync } from 'node:child_process';

/** Dawn toggles: kernel timestamps at full resolution (Dawn rounds them to 100 us by default), for --profile. */
const dawnFlags = ['disable-dawn-features=timestamp_quantization'];

const noAdapter = 'no GPU adapter (Dawn found no Vulkan, Metal or D3D12 device)';

interface DawnModule {
  create(options: string[]): GpuLike;
  globals: Record<string, unknown>;
}

interface AdapterLike {
  info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean; adapterType?: string };
  /** Older WebGPU implementations put the flag on the adapter itself. */
  isFallbackAdapter?: boolean;
}

interface GpuLike {
  requestAdapter(options?: { powerPreference?: string }): Promise<AdapterLike | null>;
}

/** What the WebGPU probe found. */
export interface WebGpuAdapter {
  /** The adapter, in words (vendor, architecture, device, driver). */
  description: string;
  /**
   * Whether it runs WebGPU on the CPU: a fallback adapter (WebGPU's isFallbackAdapter), Mesa's
   * llvmpipe/lavapipe or SwiftShader. Fine for tests; for real work slower than wasm.
   */
  software: boolean;
}

function describe(adapter: AdapterLike): string {
  const info = adapter.info ?? {};
  const words = [info.vendor, info.architecture, info.device, info.description].filter((w) => w && w.length > 0);
  return words.length > 0 ? words.join(' ') : 'unnamed adapter';
}

/** Software renderers, by the names their adapters carry. */
const softwareNames = /llvmpipe|lavapipe|swiftshader/i;

/** Whether `adapter` is a CPU implementation of WebGPU rather than a GPU. */
export function isSoftwareAdapter(adapter: AdapterLike): boolean {
  return (
    adapter.info?.isFallbackAdapter === true ||
    adapter.isFallbackAdapter === true ||
    adapter.info?.adapterType === 'cpu' ||
    softwareNames.test(describe(adapter))
  );
}

let exposed: WebGpuAdapter | undefined;

/** The adapter exposeDawnWebGpu put behind `navigator.gpu` in this process, if it ran. */
export function exposedWebGpuAdapter(): WebGpuAdapter | undefined {
  return exposed;
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
  exposed = { description: describe(adapter), software: isSoftwareAdapter(adapter) };
  return exposed;
}

const probeMarker = 'vpixmix-webgpu-probe:';

/**
 * Asks Dawn for an adapter in a child process (auto mode): on a machine without a GPU, Dawn
 * and Vulkan write their complaints to the console of whoever loads them, and a run's
 * output should not open with them. Returns the adapter (and whether it is a software one);
 * throws, saying why, when there is none.
 */
export function probeDawnAdapter(): WebGpuAdapter {
  let dawnPath: string;
  try {
    dawnPath = require.resolve('webgpu');
  } catch {
    throw new Error("the 'webgpu' package (Dawn) is not installed");
  }
  // The child reports the adapter's fields as one marked JSON line (Dawn may print warnings around it).
  const script =
    `require(${JSON.stringify(dawnPath)}).create([]).requestAdapter({ powerPreference: 'high-performance' })` +
    '.then((a) => { if (!a) process.exit(3); const i = a.info || {};' +
    ' const info = { vendor: i.vendor, architecture: i.architecture, device: i.device, description: i.description, isFallbackAdapter: i.isFallbackAdapter, adapterType: i.adapterType };' +
    ` process.stdout.write('\\n${probeMarker}' + JSON.stringify({ info, isFallbackAdapter: a.isFallbackAdapter }) + '\\n', () => process.exit(0)); },` +
    ' () => process.exit(3))';
  const probe = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 });
  if (probe.status === 0) {
    const line = (probe.stdout ?? '').split('\n').find((l) => l.startsWith(probeMarker));
    if (!line) throw new Error("the 'webgpu' package (Dawn) probe printed no adapter");
    const adapter = JSON.parse(line.slice(probeMarker.length)) as AdapterLike;
    return { description: describe(adapter), software: isSoftwareAdapter(adapter) };
  }
  if (probe.status === 3) throw new Error(noAdapter);
  const line = `${probe.stderr ?? ''}${probe.error ? probe.error.message : ''}`.split('\n').map((l) => l.trim()).find((l) => /error/i.test(l));
  throw new Error(`the 'webgpu' package (Dawn) does not load: ${line ?? `exit status ${probe.status ?? probe.signal}`}`);
}

/**
 * Auto mode's probe: probeDawnAdapter, refusing a software adapter (Mesa's llvmpipe/lavapipe,
 * SwiftShader, a fallback adapter) — it runs on the CPU, several times slower than wasm.
 * `--backend webgpu` does not probe and still uses one (that is how the tests run).
 */
export function probeHardwareAdapter(): WebGpuAdapter {
  const adapter = probeDawnAdapter();
  if (adapter.software) {
    const name = adapter.description.length > 60 ? `${adapter.description.slice(0, 57)}...` : adapter.description;
    throw new Error(`only a software adapter (${name}): slower than wasm`);
  }
  return adapter;
}
