/** A recipe that cannot be run as written: names the file, the field and what is allowed. */
export class RecipeError extends Error {
  override name = 'RecipeError';
}
