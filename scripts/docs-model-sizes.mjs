// `npm run docs:sizes`: writes the table of approximate download sizes in docs/self-hosting.md from
// the catalogue (src/playground/catalogue.ts), the same estimates the site shows readers.
// tests/unit/docs-generated.test.ts fails when the table in the docs differs from this output.
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';
import { writeBlock } from './docs-block.mjs';

export const sizesDoc = fileURLToPath(new URL('../docs/self-hosting.md', import.meta.url));

/** The Markdown table, one row per catalogue build. */
export async function modelSizesTable() {
  // The catalogue is TypeScript with extensionless imports: load it through Vite, as the site does.
  const load = (file) => runnerImport(fileURLToPath(new URL(file, import.meta.url))).then((result) => result.module);
  const [{ CATALOGUE }, { formatBytes }] = await Promise.all([
    load('../src/playground/catalogue.ts'),
    load('../src/playground/ui/bytes.ts'),
  ]);
  const rows = CATALOGUE.map((entry) => {
    // A "-1k" build reads the files of its full-context build (model-source.ts, weightsRepo).
    const filesOf = entry.id.endsWith('-1k') ? ` \`${entry.id.slice(0, -'-1k'.length)}\` ` : ' ';
    return `| \`${entry.id}\` |${filesOf}| ~${formatBytes(entry.estimatedDownloadBytes)} |`;
  });
  return ['| model id | files of | size (estimate) |', '| --- | --- | --- |', ...rows, ''].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeBlock(sizesDoc, 'model-sizes', await modelSizesTable());
  console.log(`Wrote the size table in ${sizesDoc}`);
}
