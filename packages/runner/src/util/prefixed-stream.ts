import { Writable } from 'node:stream';

/**
 * A stream that writes to `target` with `prefix` at the start of every line (after each
 * newline or carriage return), keeping `isTTY` so a progress bar still redraws in place.
 */
export function prefixedStream(target: NodeJS.WritableStream, prefix: string): NodeJS.WritableStream {
  let atLineStart = true;
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      let text = '';
      for (const ch of String(chunk)) {
        if (atLineStart && ch !== '\n' && ch !== '\r') text += prefix;
        text += ch;
        atLineStart = ch === '\n' || ch === '\r';
      }
      target.write(text);
      done();
    },
  });
  Object.defineProperty(stream, 'isTTY', { value: Boolean((target as NodeJS.WriteStream).isTTY) });
  return stream;
}
