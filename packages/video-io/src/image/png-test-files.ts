import { deflateSync, crc32 } from 'node:zlib';

/**
 * Writes PNG files byte by byte (signature, IHDR, optional PLTE/tRNS, one IDAT of unfiltered rows,
 * IEND), so tests can hold every colour type and bit depth, including the ones pngjs cannot write.
 * Rows are given already packed at the bit depth.
 */
export function rawPng(options: {
  width: number;
  height: number;
  depth: 1 | 2 | 4 | 8 | 16;
  colorType: 0 | 2 | 3 | 4 | 6;
  rows: Uint8Array[];
  palette?: number[][];
  trns?: Uint8Array;
}): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(options.width, 0);
  ihdr.writeUInt32BE(options.height, 4);
  ihdr[8] = options.depth;
  ihdr[9] = options.colorType;
  const chunks = [chunk('IHDR', ihdr)];
  if (options.palette) chunks.push(chunk('PLTE', Buffer.from(options.palette.flat())));
  if (options.trns) chunks.push(chunk('tRNS', Buffer.from(options.trns)));
  const raw = Buffer.concat(options.rows.flatMap((row) => [Buffer.from([0]), Buffer.from(row)]));
  chunks.push(chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ...chunks]);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}
