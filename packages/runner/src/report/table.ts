/** A table as data: a header row and body rows of cells; the first column is left-aligned, the rest right. */
export interface Table {
  headers: string[];
  rows: string[][];
}

function widths(table: Table): number[] {
  return table.headers.map((h, c) => Math.max([...h].length, ...table.rows.map((r) => [...(r[c] ?? '')].length)));
}

function pad(text: string, width: number, left: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - [...text].length));
  return left ? text + fill : fill + text;
}

/** GitHub-flavoured Markdown. */
export function markdownTable(table: Table): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  const w = widths(table);
  const line = (cells: string[]) => `| ${cells.map((cell, c) => pad(escape(cell ?? ''), w[c], c === 0)).join(' | ')} |`;
  const rule = `|${w.map((width, c) => (c === 0 ? ` ${'-'.repeat(width)} ` : ` ${'-'.repeat(Math.max(1, width - 1))}: `)).join('|')}|`;
  return [line(table.headers), rule, ...table.rows.map(line)].join('\n');
}

/** Aligned plain text for the terminal. */
export function textTable(table: Table): string {
  const w = widths(table);
  const line = (cells: string[]) => cells.map((cell, c) => pad(cell ?? '', w[c], c === 0)).join('  ').trimEnd();
  return [line(table.headers), w.map((width) => '-'.repeat(width)).join('  '), ...table.rows.map(line)].join('\n');
}
