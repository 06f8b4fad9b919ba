/**
 * OpenCV's cv2.Canny(img, low, high) with aperture 3 and the L1 gradient on an 8-bit single
 * channel image: Sobel (replicated border), non-maximum suppression with the 22.5°/67.5°
 * tangent tests in 15-bit fixed point, hysteresis over 8-neighbours. Edges are 255.
 */
export function canny(src: Uint8Array, width: number, height: number, low: number, high: number): Uint8Array {
  const at = (x: number, y: number) => src[Math.min(Math.max(y, 0), height - 1) * width + Math.min(Math.max(x, 0), width - 1)];
  const dx = new Int32Array(width * height);
  const dy = new Int32Array(width * height);
  const mag = new Int32Array((width + 2) * (height + 2)); // zero frame around the image
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const gx = at(x + 1, y - 1) + 2 * at(x + 1, y) + at(x + 1, y + 1) - at(x - 1, y - 1) - 2 * at(x - 1, y) - at(x - 1, y + 1);
      const gy = at(x - 1, y + 1) + 2 * at(x, y + 1) + at(x + 1, y + 1) - at(x - 1, y - 1) - 2 * at(x, y - 1) - at(x + 1, y - 1);
      dx[y * width + x] = gx;
      dy[y * width + x] = gy;
      mag[(y + 1) * (width + 2) + x + 1] = Math.abs(gx) + Math.abs(gy);
    }
  }
  const lo = Math.floor(low);
  const hi = Math.floor(high);
  const SHIFT = 15;
  const TG22 = Math.trunc(0.41421356237309503 * (1 << SHIFT) + 0.5);
  // 0: may be an edge, 1: not an edge, 2: edge.
  const map = new Uint8Array(width * height).fill(1);
  const stack: number[] = [];
  const m = (x: number, y: number) => mag[(y + 1) * (width + 2) + x + 1];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = m(x, y);
      if (v <= lo) continue;
      const xs = dx[y * width + x];
      const ys = dy[y * width + x];
      const ax = Math.abs(xs);
      const ay = Math.abs(ys) * 2 ** SHIFT;
      const tg22x = ax * TG22;
      let isMax: boolean;
      if (ay < tg22x) {
        isMax = v > m(x - 1, y) && v >= m(x + 1, y);
      } else {
        const tg67x = tg22x + ax * 2 ** (SHIFT + 1);
        if (ay > tg67x) {
          isMax = v > m(x, y - 1) && v >= m(x, y + 1);
        } else {
          const s = (xs ^ ys) < 0 ? -1 : 1;
          isMax = v > m(x - s, y - 1) && v > m(x + s, y + 1);
        }
      }
      if (!isMax) continue;
      if (v > hi) {
        map[y * width + x] = 2;
        stack.push(y * width + x);
      } else {
        map[y * width + x] = 0;
      }
    }
  }
  while (stack.length > 0) {
    const i = stack.pop() as number;
    const x = i % width;
    const y = (i - x) / width;
    for (let oy = -1; oy <= 1; oy++) {
      for (let ox = -1; ox <= 1; ox++) {
        const nx = x + ox;
        const ny = y + oy;
        if (nx < 0 || nx >= width || ny < 0 || ny >= height) continue;
        const j = ny * width + nx;
        if (map[j] === 0) {
          map[j] = 2;
          stack.push(j);
        }
      }
    }
  }
  const out = new Uint8Array(width * height);
  for (let i = 0; i < out.length; i++) out[i] = map[i] === 2 ? 255 : 0;
  return out;
}
