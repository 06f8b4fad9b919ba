/** Minimal SVG building: escaped text, attributes from objects, numbers rounded for small files. */

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

export type Attributes = Record<string, string | number | undefined>;

function formatValue(value: string | number): string {
  return typeof value === 'number' ? String(Math.round(value * 100) / 100) : escapeXml(value);
}

export function element(name: string, attributes: Attributes, children: string | string[] = ''): string {
  const attrs = Object.entries(attributes)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${formatValue(v as string | number)}"`)
    .join('');
  const body = Array.isArray(children) ? children.join('') : children;
  return body === '' ? `<${name}${attrs}/>` : `<${name}${attrs}>${body}</${name}>`;
}

export function text(x: number, y: number, content: string, attributes: Attributes = {}): string {
  return element('text', { x, y, 'font-family': 'DejaVu Sans', 'font-size': 12, fill: '#222', ...attributes }, escapeXml(content));
}

export function polyline(points: readonly (readonly [number, number])[], attributes: Attributes): string {
  return element('polyline', { points: points.map(([x, y]) => `${formatValue(x)},${formatValue(y)}`).join(' '), fill: 'none', ...attributes });
}

export function svgDocument(width: number, height: number, children: string[]): string {
  return element(
    'svg',
    { xmlns: 'http://www.w3.org/2000/svg', 'xmlns:xlink': 'http://www.w3.org/1999/xlink', width, height, viewBox: `0 0 ${width} ${height}` },
    [element('rect', { width, height, fill: 'white' }), ...children],
  );
}

/** A colour-blind-safe categorical palette (Okabe-Ito), cycled. */
const palette = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#F0E442', '#000000'];

export function seriesColor(index: number): string {
  return palette[index % palette.length];
}
