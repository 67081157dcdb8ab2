/**
 * How a token's text is drawn: spaces, tabs and line breaks become visible marks, because a token
 * that is " the" or "\n\n" would otherwise look like "the" or nothing at all.
 */
export type DisplaySegment =
  { kind: 'text'; text: string } | { kind: 'space' | 'tab' | 'newline' | 'other-space'; text: string; mark: string };

const MARKS: Record<string, { kind: 'space' | 'tab' | 'newline' | 'other-space'; mark: string }> = {
  ' ': { kind: 'space', mark: '·' },
  '\t': { kind: 'tab', mark: '→' },
  '\n': { kind: 'newline', mark: '↵' },
  '\r': { kind: 'newline', mark: '␍' },
  '\u3000': { kind: 'other-space', mark: '□' },
  '\u00a0': { kind: 'other-space', mark: '⍽' },
};

export function displaySegments(text: string): DisplaySegment[] {
  const segments: DisplaySegment[] = [];
  let run = '';
  for (const char of text) {
    const mark = MARKS[char];
    if (!mark) {
      run += char;
      continue;
    }
    if (run) segments.push({ kind: 'text', text: run });
    run = '';
    segments.push({ kind: mark.kind, text: char, mark: mark.mark });
  }
  if (run) segments.push({ kind: 'text', text: run });
  return segments;
}

/** A short plain description of a token's text for screen readers ("空格"、"换行" spelled out). */
export function spokenText(text: string): string {
  const names: Record<string, string> = {
    ' ': '空格',
    '\t': '制表符',
    '\n': '换行',
    '\r': '回车',
    '\u3000': '全角空格',
  };
  if (text.length > 0 && [...text].every((char) => char in names)) {
    return [...text].map((char) => names[char]).join(' ');
  }
  return text;
}
