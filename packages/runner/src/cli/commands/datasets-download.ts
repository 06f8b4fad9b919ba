import { type DatasetSource, ProgressPrinter, datasetSources, describeSource, downloadDataset, formatReport, readCatalogFile } from '@vpixmix/datasets';
import type { CommandIo, OptionSpec, OptionValue } from '../command';
import { UsageError } from '../errors';
import { flagOption, numberOption, stringOption } from '../options';

export const downloadOptions: OptionSpec = {
  name: { type: 'string', multiple: true },
  mirror: { type: 'string' },
  catalog: { type: 'string' },
  archives: { type: 'string' },
  'keep-archives': { type: 'boolean' },
  force: { type: 'boolean' },
  retries: { type: 'string' },
};

export const downloadUsage = [
  'Download (npx vpixmix datasets download NAME...; npx nx run datasets:download --name=NAME):',
  '  --name N[,N]          the sets to fetch (as well as, or instead of, names after download)',
  "  --mirror URL          fetch each archive from URL/<archive file name> instead of the table's address",
  '  --catalog FILE.json   a table of your own in the same fields; its entries replace the built-in ones',
  '  --archives DIR        where archives are kept while downloading (default <datasets>/.downloads)',
  '  --keep-archives       keep the archives after the set is installed (default: delete them)',
  '  --force               download and replace a set that is already there, broken or not',
  '  --retries N           failed attempts in a row before giving up (default 5; attempts that bring bytes',
  '                        do not count, so a long download survives any number of cuts)',
  '  --lenient, --root DIR as for verify (--lenient installs a smaller set in the official layout)',
  '  Proxies come from HTTPS_PROXY / HTTP_PROXY / NO_PROXY. An interrupted download resumes where it stopped',
  '  when the same command runs again.',
];

function namesFrom(positionals: readonly string[], values: Record<string, OptionValue>): string[] {
  const fromOption = values.name === undefined ? [] : (Array.isArray(values.name) ? values.name : [values.name]).map(String);
  return [...positionals, ...fromOption.flatMap((n) => n.split(','))].map((n) => n.trim()).filter((n) => n.length > 0);
}

function table(sources: Readonly<Record<string, DatasetSource>>): string {
  return Object.values(sources).map((s) => `  ${describeSource(s)}`).join('\n');
}

/** `vpixmix datasets download NAME...`: fetches, checks and installs each set in turn. */
export async function download(positionals: readonly string[], values: Record<string, OptionValue>, io: CommandIo): Promise<number> {
  const catalog = stringOption(values, 'catalog');
  const sources = { ...datasetSources, ...(catalog ? readCatalogFile(catalog) : {}) };
  const names = namesFrom(positionals, values);
  if (names.length === 0) throw new UsageError(`download needs the name of a data set:\n${table(sources)}`);
  const unknown = names.filter((n) => !sources[n]);
  if (unknown.length > 0) throw new UsageError(`unknown data set '${unknown[0]}' to download; known:\n${table(sources)}`);
  const root = stringOption(values, 'root');
  if (root && names.length !== 1) throw new UsageError('--root needs exactly one data set name.');
  const tty = Boolean(process.stderr.isTTY);
  const printer = new ProgressPrinter((text) => (tty ? process.stderr.write(text) : io.err(text.replace(/\n$/, ''))), tty);
  for (const name of names) {
    const result = await downloadDataset(name, {
      sources,
      root,
      mirror: stringOption(values, 'mirror'),
      archives: stringOption(values, 'archives'),
      keepArchives: flagOption(values, 'keep-archives'),
      force: flagOption(values, 'force'),
      official: !flagOption(values, 'lenient'),
      retries: numberOption(values, 'retries', 5, { integer: true, min: 0, max: 1000 }),
      onProgress: (file, progress) => printer.update(file, progress),
      log: (line) => {
        printer.finish();
        io.out(line);
      },
    });
    printer.finish();
    if (result.report) io.out(formatReport(result.report));
  }
  io.out(`\nReady. Check any time with: npx vpixmix datasets verify ${names.join(' ')}`);
  return 0;
}
