/** `vpixmix evaluate --model` points at something that is not a model; says what it must be. */
export class ModelFolderError extends Error {
  override name = 'ModelFolderError';
}
