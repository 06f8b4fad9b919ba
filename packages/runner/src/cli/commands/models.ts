import {
  countTrainableParams,
  createModel,
  listModels,
  loadModel,
  loadTorchStateDict,
  readTensorFile,
  resolveModel,
  saveModel,
  toTorchStateDict,
  writeTensorFile,
} from '@vpixmix/models';
import { initBackend } from '@vpixmix/tf-backend';
import type { Command, OptionValue } from '../command';
import { UsageError } from '../errors';
import { numberOption, positional, requiredString, stringOption } from '../options';

const usage = [
  'vpixmix models <list | info | import-torch | export-torch> [options]',
  '',
  '  list                          every model name, with what it is',
  '  info NAME                     parameter counts, input and output shapes, layer count',
  '  import-torch FILE.safetensors --model NAME --classes N --out DIR',
  '                                a PyTorch state_dict (reference names, e.g. the official PixMix WRN-40-4',
  "                                or torchvision's r3d_18) as a saved vpixmix model folder; convert a .pth",
  '                                first with packages/models/scripts/torch_to_safetensors.py',
  '  export-torch DIR --out FILE.safetensors',
  '                                a saved model as a PyTorch state_dict (reference names and layouts)',
  '',
  'Options:',
  '  --classes N     number of classes (info: default 10)',
  '  --input SHAPE   input shape without the batch axis, e.g. 32,32,3 or 16,112,112,3 (default: the model\'s)',
  '  --model NAME    import-torch: the architecture the state_dict belongs to',
  '  --out PATH      where to write',
].join('\n');

function inputShape(values: Record<string, OptionValue>): number[] | undefined {
  const text = stringOption(values, 'input');
  if (text === undefined) return undefined;
  const shape = text.split(',').map(Number);
  if (shape.some((s) => !Number.isInteger(s) || s < 1)) throw new UsageError(`--input must be sizes like 32,32,3; got '${text}'.`);
  return shape;
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
      const model = createModel(name, { numClasses: classes, inputShape: inputShape(values) });
      loadTorchStateDict(model, readTensorFile(file).tensors, file);
      await saveModel(model, out, { importedFrom: file });
      io.err(`wrote ${out} (${name}, ${countTrainableParams(model)} trainable parameters from ${file})`);
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
