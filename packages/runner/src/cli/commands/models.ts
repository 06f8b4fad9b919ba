import {
  countTrainableParams,
  createModel,
  listModels,
  loadModel,
  IMAGENET_NORMALIZATION,
  KINETICS_NORMALIZATION,
  loadTorchStateDict,
  readTensorFile,
  resolveModel,
  saveModel,
  toTorchStateDict,
  TORCH_CONVERTER,
  writeTensorFile,
} from '@vpixmix/models';
import { initBackend } from '@vpixmix/tf-backend';
import type { Command, OptionValue } from '../command';
import { UsageError } from '../errors';
import { flagOption, numberOption, positional, requiredString, stringOption } from '../options';

const usage = [
  'vpixmix models <list | info | import-torch | export-torch> [options]',
  '',
  '  list                          every model name, with what it is',
  '  info NAME                     parameter counts, input and output shapes, layer count',
  '  import-torch FILE.safetensors --model NAME --classes N --out DIR [--no-strict] [--normalize N]',
  '                                a PyTorch state_dict (reference names, e.g. the official PixMix WRN-40-4',
  "                                or torchvision's r3d_18) as a saved vpixmix model folder; convert a .pth",
  `                                first with ${TORCH_CONVERTER} FILE.pth OUT.safetensors.`,
  "                                Strict like PyTorch's load_state_dict(strict=True): every key must match.",
  '  export-torch DIR --out FILE.safetensors',
  '                                a saved model as a PyTorch state_dict (reference names and layouts)',
  '',
  'Options:',
  '  --classes N     number of classes (info: default 10)',
  '  --input SHAPE   input shape without the batch axis, e.g. 32,32,3 or 16,112,112,3 (default: the model\'s)',
  '  --model NAME    import-torch: the architecture the state_dict belongs to',
  '  --no-strict     import-torch: load the keys that match, list the missing and unexpected ones (not an error)',
  '  --normalize N   import-torch: the input normalisation the weights were trained with: signed (default: 2x - 1,',
  "                  ours and the PixMix reference's), kinetics (torchvision's r3d_18 KINETICS400_V1:",
  `                  mean ${KINETICS_NORMALIZATION.mean.join(', ')}, std ${KINETICS_NORMALIZATION.std.join(', ')}), imagenet, or`,
  '                  MEAN,MEAN,MEAN/STD,STD,STD for pixels in [0, 1]; the saved model then converts its 2x - 1 input',
  '  --out PATH      where to write',
].join('\n');

function inputShape(values: Record<string, OptionValue>): number[] | undefined {
  const text = stringOption(values, 'input');
  if (text === undefined) return undefined;
  const shape = text.split(',').map(Number);
  if (shape.some((s) => !Number.isInteger(s) || s < 1)) throw new UsageError(`--input must be sizes like 32,32,3; got '${text}'.`);
  return shape;
}

/** --normalize: none for our 2x - 1, else torchvision's Normalize(mean, std) for pixels in [0, 1]. */
function normalizeOption(values: Record<string, OptionValue>): { mean: number[]; std: number[] } | undefined {
  const text = stringOption(values, 'normalize');
  if (text === undefined || text === 'signed') return undefined;
  if (text === 'kinetics') return { mean: [...KINETICS_NORMALIZATION.mean], std: [...KINETICS_NORMALIZATION.std] };
  if (text === 'imagenet') return { mean: [...IMAGENET_NORMALIZATION.mean], std: [...IMAGENET_NORMALIZATION.std] };
  const [m, s] = text.split('/').map((part) => part.split(',').map(Number));
  if (!m || !s || m.length !== 3 || s.length !== 3 || [...m, ...s].some((v) => !Number.isFinite(v)) || s.some((v) => v <= 0)) {
    throw new UsageError(`--normalize must be signed, kinetics, imagenet or MEAN,MEAN,MEAN/STD,STD,STD (std > 0); got '${text}'.`);
  }
  return { mean: m, std: s };
}

function countOf(shapes: readonly (readonly (number | null)[])[]): number {
  return shapes.reduce((total, shape) => total + shape.reduce((a: number, b) => a * (b ?? 0), 1), 0);
}

export const modelsCommand: Command = {
  name: 'models',
  summary: 'The model registry: list, info (parameter counts), import/export PyTorch weights.',
  usage,
  options: {
    classes: { type: 'string' },
    input: { type: 'string' },
    model: { type: 'string' },
    out: { type: 'string' },
    'no-strict': { type: 'boolean' },
    normalize: { type: 'string' },
  },
  async run({ positionals, values }, io) {
    const sub = positional(positionals, 0, 'list, info, import-torch or export-torch');
    if (sub === 'list') {
      for (const { name, summary } of listModels()) io.out(`${name.padEnd(12)} ${summary}`);
      io.out('wrn-<depth>-<widen> builds any Wide ResNet with depth 6n + 4.');
      return;
    }
    await initBackend('cpu');
    if (sub === 'info') {
      const name = positional(positionals, 1, 'a model name (see vpixmix models list)');
      const spec = resolveModel(name);
      const model = createModel(name, { numClasses: numberOption(values, 'classes', 10, { integer: true, min: 1 }), inputShape: inputShape(values) });
      io.out(
        JSON.stringify({
          name,
          family: spec.family,
          trainableParams: countTrainableParams(model),
          nonTrainableParams: countOf(model.nonTrainableWeights.map((w) => w.shape)),
          layers: model.layers.length,
          input: model.inputs[0].shape,
          output: model.outputs[0].shape,
        }),
      );
      model.dispose();
      return;
    }
    if (sub === 'import-torch') {
      const file = positional(positionals, 1, 'the state_dict as .safetensors');
      const name = requiredString(values, 'model', 'the architecture, e.g. wrn-40-4');
      const out = requiredString(values, 'out', 'the folder to write the model to');
      const classes = numberOption(values, 'classes', Number.NaN, { integer: true, min: 1 });
      if (Number.isNaN(classes)) throw new UsageError('--classes is required: the number of classes of the checkpoint.');
      const normalize = normalizeOption(values);
      const stateDict = readTensorFile(file).tensors;
      const model = createModel(name, { numClasses: classes, inputShape: inputShape(values), ...(normalize ? { inputNormalization: normalize } : {}) });
      const strict = !flagOption(values, 'no-strict');
      const { missing, unexpected } = loadTorchStateDict(model, stateDict, file, { strict });
      if (missing.length) io.err(`warning: --no-strict: ${missing.length} weights of ${name} are not in ${file} and keep their initial values: ${missing.slice(0, 8).join(', ')}${missing.length > 8 ? ', ...' : ''}`);
      if (unexpected.length) io.err(`warning: --no-strict: ${unexpected.length} tensors of ${file} fit no weight of ${name} and were ignored: ${unexpected.slice(0, 8).join(', ')}${unexpected.length > 8 ? ', ...' : ''}`);
      await saveModel(model, out, { importedFrom: file, ...(normalize ? { inputNormalization: JSON.stringify(normalize) } : {}) });
      io.err(`wrote ${out} (${name}, ${countTrainableParams(model)} trainable parameters from ${file}${normalize ? `; input normalised with mean ${normalize.mean.join(', ')}, std ${normalize.std.join(', ')}` : ''})`);
      return;
    }
    if (sub === 'export-torch') {
      const dir = positional(positionals, 1, 'a saved model folder');
      const out = requiredString(values, 'out', 'the .safetensors file to write');
      const model = await loadModel(dir);
      const stateDict = await toTorchStateDict(model);
      writeTensorFile(out, stateDict, { source: dir, model: model.name });
      io.err(`wrote ${out} (${stateDict.size} tensors)`);
      return;
    }
    throw new UsageError(`unknown subcommand '${sub}'; choose list, info, import-torch or export-torch. Run 'vpixmix models --help'.`);
  },
};
