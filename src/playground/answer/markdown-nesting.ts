/**
 * marked parses nested blockquotes and lists recursively, one stack frame set per level: about
 * 3,000 `>` in a row (a few hundred tokens of model output) overflow the stack and the lexer
 * throws. No answer needs more than a handful of levels, so container markers past MAX_DEPTH on a
 * line are escaped — they stay visible as text, they just stop opening another level.
 */

export const MAX_NESTING_DEPTH = 8;

/** One container marker: a quote `>`, or a bullet / ordered-list marker followed by a blank. */
const MARKER = /^[ \t]*(?:(>)|([-+*])(?=[ \t])|(\d{1,9})([.)])(?=[ \t]))[ \t]?/;

/** Escapes the marker that would open level MAX_NESTING_DEPTH + 1 on `line`, if any. */
function boundLine(line: string): string {
  let position = 0;
  for (let depth = 0; ; depth++) {
    const match = MARKER.exec(line.slice(position));
    if (match === null) return line;
    if (depth < MAX_NESTING_DEPTH) {
      position += match[0].length;
      continue;
    }
    const indent = match[0].length - match[0].trimStart().length;
    const at = position + indent;
    // A digit cannot be backslash-escaped; its delimiter can, and that stops the list just as well.
    const escapeAt = match[3] === undefined ? at : at + match[3].length;
    return `${line.slice(0, escapeAt)}\\${line.slice(escapeAt)}`;
  }
}

export function boundNesting(markdown: string): string {
  // Cheap test first: only a line with that many markers can need work.
  if (markdown.length < MAX_NESTING_DEPTH) return markdown;
  return markdown.split('\n').map((line) => (line.length > MAX_NESTING_DEPTH ? boundLine(line) : line)).join('\n');
}
