/**
 * The article's text as a reader reads it, section by section (## headings), for the build-time
 * token table. MDX syntax is removed but what it wraps is kept: prose, list items, table cells,
 * code (a model reading the page would read it too) and the TeX source of formulas. Components
 * that only pull in other data (<Erratum />, <Cite />, tables from YAML) contribute nothing, since
 * their text does not live in the article source.
 */
export interface ArticleSection {
  title: string;
  text: string;
}

export const PREAMBLE_TITLE = '开头（关键词与摘要）';

const FENCE = /^\s*(`{3,}|~{3,})/;

function stripInline(segment: string): string {
  return segment
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^*\w])\*(?=\S)([^*\n]*?\S)\*(?!\*)/g, '$1$2')
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>$])/g, '$1');
}

/** Markdown inline syntax outside $…$; the formula itself is kept without its dollar signs. */
function stripInlineKeepingMath(line: string): string {
  return line
    .split(/(\$[^$\n]+\$)/)
    .map((part, i) => (i % 2 === 1 ? part.slice(1, -1) : stripInline(part)))
    .join('');
}

function withoutComponents(line: string): string {
  // Components are capitalised tags: drop the tag, keep what sits between an opening and a closing one.
  const stripped = line.replace(/\{\/\*[\s\S]*?\*\/\}/g, '').replace(/<\/?[A-Z][\w.]*(?:\s[^<>]*)?\/?>/g, '');
  // "（<EqRef id=… />）" leaves empty brackets behind once the reference is gone.
  return stripped === line ? line : stripped.replace(/（\s*）|\(\s*\)/g, '');
}

function headingText(raw: string): string {
  return stripInlineKeepingMath(withoutComponents(raw)).trim();
}

function proseLine(raw: string): string | null {
  let line = withoutComponents(raw);
  if (/^\s*(import|export)\s/.test(line)) return null;
  if (/^\s*\$\$\s*$/.test(line)) return null;
  if (/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line)) return null;
  line = line
    .replace(/^\s{0,3}#{1,6}\s+/, '')
    .replace(/^\s*>\s?/, '')
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '');
  if (/^\s*\|.*\|\s*$/.test(line)) {
    line = line
      .trim()
      .slice(1, -1)
      .split('|')
      .map((cell) => cell.trim())
      .join(' ');
  }
  line = stripInlineKeepingMath(line).trim();
  return line ? line : null;
}

/** Drops a YAML front matter block, if the source starts with one. */
function withoutFrontMatter(source: string): string {
  const match = /^---\n[\s\S]*?\n---\n/.exec(source);
  return match ? source.slice(match[0].length) : source;
}

export function articleSections(source: string): ArticleSection[] {
  const lines = withoutFrontMatter(source.replace(/\r\n?/g, '\n')).split('\n');
  const sections: { title: string; lines: string[] }[] = [{ title: PREAMBLE_TITLE, lines: [] }];
  let fence: string | null = null;
  for (const raw of lines) {
    const current = sections[sections.length - 1]!;
    const fenceMatch = FENCE.exec(raw);
    if (fence !== null) {
      if (fenceMatch && fenceMatch[1]!.startsWith(fence)) fence = null;
      else current.lines.push(raw);
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1]!;
      continue;
    }
    const heading = /^##\s+(.+?)\s*#*\s*$/.exec(raw);
    if (heading) {
      const title = headingText(heading[1]!);
      sections.push({ title, lines: [title] });
      continue;
    }
    const text = proseLine(raw);
    if (text !== null) current.lines.push(text);
  }
  // A section with nothing but its heading (the errata table, the references) is generated from
  // data files, not written in the article source, so it has no text of its own to count.
  return sections
    .filter((section) => section.lines.length > (section.title === PREAMBLE_TITLE ? 0 : 1))
    .map((section) => ({ title: section.title, text: section.lines.join('\n').trim() }));
}

export interface AppendixSource {
  title: string;
  /** The appendix's MDX, with or without its front matter. */
  body: string;
}

/**
 * The sections of the whole article, in reading order: those of its text page, then each appendix
 * published on a page of its own as one section under the appendix's title, as its ## heading
 * was when the appendix stood in the text.
 */
export function articleSectionsWithAppendices(text: string, appendices: AppendixSource[]): ArticleSection[] {
  return [
    ...articleSections(text),
    ...appendices.map(({ title, body }) => ({
      title,
      text: [title, ...articleSections(body).map((section) => section.text)].join('\n'),
    })),
  ];
}
