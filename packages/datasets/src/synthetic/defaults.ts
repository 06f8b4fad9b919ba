/** `defaults` overridden by the options that are set (an `undefined` option keeps the default). */
export function withDefaults<T extends object>(defaults: T, options: Partial<T>): T {
  const out = { ...defaults };
  for (const [key, value] of Object.entries(options)) if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  return out;
}
