// House rules for the Chinese text, checked over the article, every data file and the demo islands'
// strings: one term per concept, a space between Chinese and Latin letters, digits, inline code or
// inline formulas, full-width punctuation, and headings without English glosses. The seed's own
// words (errata `original*` fields) are quoted as they were and are exempt.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readWholeArticle } from '../../src/lib/article-files';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(fileURLToPath(new URL(path, root)), 'utf8');

const CJK = '\\u3400-\\u4dbf\\u4e00-\\u9fff';
/** A Chinese character touching a Latin letter or digit, either way round, with bold markers in between. */
const UNSPACED = new RegExp(`(?=[${CJK}]\\*{0,2}[A-Za-z0-9]|[A-Za-z0-9]\\*{0,2}[${CJK}])`, 'g');
/** Spans that are neither Chinese nor Latin for this rule: tags, link targets, URLs. */
const OPAQUE = /<[^>]+>|\]\([^)]*\)|https?:\/\/[^\s）)]+/g;
/** Spans that count as Latin: inline code and inline formulas. */
const LATINISH = /`[^`]*`|\$[^$]+\$/g;

/** Places in one line of prose where Chinese touches Latin text without a space. */
function spacingViolations(line: string): string[] {
  const flattened = line.replace(OPAQUE, '\u25A1').replace(LATINISH, 'x');
  return [...flattened.matchAll(UNSPACED)].map((m) => flattened.slice(Math.max(0, m.index - 6), m.index + 8));
}

/** Misused punctuation in Chinese text: doubled marks, a full stop run into other marks, ASCII marks between Chinese. */
const BAD_PUNCTUATION = new RegExp(`。”，|。[.．]|，，|。。|、、|[${CJK}][,;:?!](?=[${CJK}])`, 'g');

/**
 * A space where Chinese typesetting has none: beside full-width punctuation, or between two Chinese
 * characters (what a folded YAML line break leaves, e.g. "输入输出、 训练数据").
 */
const STRAY_SPACE = new RegExp(`[，。、；：？！（）《》“”] +(?=\\S)|(?<=\\S) +[，。、；：？！（）《》“”]|[${CJK}] +(?=[${CJK}])`, 'g');

/** Stray spaces in one line of prose (a list marker's "1. " aside), with a little context. */
function straySpaces(line: string): string[] {
  const text = line.replace(/^\s*(\d+\.|[-*]) /, '');
  return [...text.matchAll(STRAY_SPACE)].map((m) => text.slice(Math.max(0, m.index - 6), m.index + m[0].length + 6));
}

/** The article's prose lines: no front matter fences, code blocks, display maths or imports. */
function proseLines(mdx: string): Array<{ line: number; text: string }> {
  const out: Array<{ line: number; text: string }> = [];
  let fence = false;
  let math = false;
  mdx.split('\n').forEach((text, i) => {
    const trimmed = text.trim();
    if (trimmed.startsWith('```')) fence = !fence;
    else if (trimmed === '$$') math = !math;
    else if (!fence && !math && !text.startsWith('import ') && trimmed !== '---') out.push({ line: i + 1, text });
  });
  return out;
}

/** Every string in a YAML document with its path, leaving out the seed's words (its quotes and section headings) and URLs. */
function yamlStrings(value: unknown, path = ''): Array<{ path: string; text: string }> {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => yamlStrings(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value)
      .filter(([key]) => !['original', 'originalTex', 'originalCode', 'section', 'url'].includes(key))
      .flatMap(([key, v]) => yamlStrings(v, path ? `${path}.${key}` : key));
  }
  return [];
}

const article = readWholeArticle();
const dataFiles = readdirSync(fileURLToPath(new URL('src/content/', root))).filter((f) => f.endsWith('.yaml'));
const dataStrings = dataFiles.flatMap((file) =>
  yamlStrings(parse(read(`src/content/${file}`))).map((s) => ({ ...s, path: `${file} ${s.path}` })),
);
/** UI strings of the demo islands: their views, the views they share, and the model facts line. */
const islandFiles = ['src/playground/session/model-picker.ts'].concat(
  ['chat/view', 'arena/view', 'tokenizer/view', 'ui'].flatMap((folder) => {
    const dir = `src/playground/${folder}/`;
    return readdirSync(fileURLToPath(new URL(dir, root)))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => dir + f);
  }),
);

describe('the spacing check itself', () => {
  it('finds Chinese touching Latin text, digits, inline code and formulas, but not tags or spaced text', () => {
    expect(spacingViolations('使用Qwen模型')).toHaveLength(2);
    expect(spacingViolations('共32层')).toHaveLength(2);
    expect(spacingViolations('调用`generate`生成')).toHaveLength(2);
    expect(spacingViolations('由$L$个块')).toHaveLength(2);
    expect(spacingViolations('见**GQA**节')).toHaveLength(2);
    expect(spacingViolations('使用 Qwen 模型，共 32 层，由 $L$ 个块<Cite id="TT" />。')).toEqual([]);
  });
});

describe('the article', () => {
  it('puts a space between Chinese and Latin text or numbers, headings included', () => {
    const bad = proseLines(article).flatMap(({ line, text }) => spacingViolations(text).map((v) => `${line}: ${v}`));
    expect(bad).toEqual([]);
  });

  it('puts no space beside full-width punctuation or between Chinese characters', () => {
    expect(straySpaces('输入输出、 训练数据（见 第 5 节） 。')).toHaveLength(3);
    expect(straySpaces('1. （掩码）多头注意力，共 32 层<Cite id="TT" />。')).toEqual([]);
    const bad = proseLines(article).flatMap(({ line, text }) => straySpaces(text).map((v) => `${line}: ${v}`));
    expect(bad).toEqual([]);
  });

  it('has no English gloss on its headings', () => {
    const glossed = article.split('\n').filter((l) => /^#{1,6} .*（[A-Za-z][A-Za-z -]*）\s*$/.test(l));
    expect(glossed).toEqual([]);
  });

  it('uses full-width punctuation correctly', () => {
    const bad = proseLines(article).flatMap(({ line, text }) => [...text.matchAll(BAD_PUNCTUATION)].map((m) => `${line}: ${m[0]}`));
    expect(bad).toEqual([]);
  });

  it('says Transformer, 基础模型 and token, one term for each (quotes of the seed aside)', () => {
    const own = article.replace(/“[^”]*”/g, '');
    for (const term of ['变换器', '基座模型', '词元']) expect(own.includes(term), term).toBe(false);
  });
});

describe('the data files', () => {
  it('follow the same spacing rule', () => {
    const bad = dataStrings.flatMap(({ path, text }) => text.split('\n').flatMap(spacingViolations).map((v) => `${path}: ${v}`));
    expect(bad).toEqual([]);
  });

  it('put no space beside full-width punctuation or between Chinese characters', () => {
    const bad = dataStrings.flatMap(({ path, text }) => text.split('\n').flatMap(straySpaces).map((v) => `${path}: ${v}`));
    expect(bad).toEqual([]);
  });

  it('use the same terms and punctuation (seed quotes aside)', () => {
    // Text inside “…” quotes the seed (e.g. its “多层变换器”), so only the rest must use the house terms.
    const own = (text: string) => text.replace(/“[^”]*”/g, '');
    const bad = dataStrings.filter(({ text }) => /变换器|基座模型|词元/.test(own(text)) || text.match(BAD_PUNCTUATION) !== null);
    expect(bad.map((s) => s.path)).toEqual([]);
  });
});

describe('the demo islands', () => {
  it('say token like the article, not 词元', () => {
    expect(islandFiles.length).toBeGreaterThan(5);
    expect(islandFiles.filter((f) => read(f).includes('词元'))).toEqual([]);
  });
});

/** Every .ts and .astro file below a folder of src/, recursively. */
function codeFiles(dir: string): string[] {
  return readdirSync(fileURLToPath(new URL(dir, root)), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|astro)$/.test(f))
    .map((f) => dir + f.split('\\').join('/'));
}

describe('the components, pages and generated text', () => {
  it('use the house terms too (charts, the summary, every page)', () => {
    const files = ['src/components/', 'src/lib/', 'src/pages/', 'src/playground/'].flatMap(codeFiles);
    expect(files.length).toBeGreaterThan(50);
    expect(files.filter((f) => /变换器|基座模型|词元/.test(read(f)))).toEqual([]);
  });
});
