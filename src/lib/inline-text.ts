// The article's data files (errata, notes) use a sliver of Markdown: `code`, **bold** and $math$
// (the seed's own wording quotes its formulas that way). Everything else is escaped, so data text
// can never inject markup.
import { renderMath } from './markdown/mathml.mjs';

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => escapes[char] ?? char);
}

function formatted(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
}

export function inlineText(text: string): string {
  return text
    .split(/(\$[^$]+\$)/)
    .map((part) =>
      /^\$[^$]+\$$/.test(part)
        ? renderMath(part.slice(1, -1))
        : formatted(part),
    )
    .join('');
}
