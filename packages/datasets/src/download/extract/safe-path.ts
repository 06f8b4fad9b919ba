import path from 'node:path';

/**
 * Why an archive entry name would land outside the extraction folder, or undefined when it
 * is safe: absolute paths (/x, C:\x, \\server\x), '..' segments, NUL bytes.
 */
export function unsafeEntryReason(name: string): string | undefined {
  if (name.includes('\0')) return 'a NUL byte in the name';
  const slashed = name.replace(/\\/g, '/');
  if (slashed.startsWith('/') || /^[a-zA-Z]:/.test(slashed)) return 'an absolute path';
  if (slashed.split('/').includes('..')) return "a '..' path segment, which would write outside the folder";
  return undefined;
}

/** Why a link entry's target would point outside the extraction folder, or undefined. */
export function unsafeLinkReason(name: string, target: string): string | undefined {
  const slashed = target.replace(/\\/g, '/');
  if (slashed.startsWith('/') || /^[a-zA-Z]:/.test(slashed)) return `a link to the absolute path '${target}'`;
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(name.replace(/\\/g, '/')), slashed));
  if (resolved === '..' || resolved.startsWith('../')) return `a link to '${target}', outside the folder`;
  return undefined;
}
