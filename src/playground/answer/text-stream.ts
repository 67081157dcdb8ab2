/**
 * Assembling streamed text so the reader never sees a broken character.
 *
 * Tokens are byte sequences; a Chinese character (3 UTF-8 bytes) or an emoji (4 bytes) can be
 * split across tokens. A decoder that sees only the first bytes produces U+FFFD "�" as a
 * placeholder, and the complete character is delivered by a later delta. A UTF-16 producer can
 * likewise end a delta on the high half of a surrogate pair (emoji, "𠮷") whose low half comes
 * next. Both are held back here until the next delta shows what they were.
 *
 * Rules:
 * - a trailing run of U+FFFD is provisional: it is dropped as soon as a later delta brings other
 *   text (the character arrived complete), and extended if the later delta is more U+FFFD;
 * - a trailing lone high surrogate is glued to the start of the next delta;
 * - at the end, whatever is still held is an incomplete character cut off by the end of the
 *   answer (max_tokens, stop): it is dropped rather than shown as "�".
 * U+FFFD in the middle of a delta is real output and passes through.
 */

const REPLACEMENT = '\uFFFD';

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

export class Utf8SafeAssembler {
  private heldHighSurrogate = '';
  private heldReplacements = '';
  private assembled = '';

  /** Everything released so far. */
  get text(): string {
    return this.assembled;
  }

  /** Feed one raw delta; returns the part that is safe to show now (possibly ""). */
  push(delta: string): string {
    if (delta.length === 0) return '';
    const incoming = this.heldHighSurrogate + delta;
    this.heldHighSurrogate = '';

    // Text after held placeholders means the character they stood for has now arrived whole.
    const trailingRun = countTrailing(incoming, REPLACEMENT);
    if (trailingRun === incoming.length) {
      this.heldReplacements += incoming;
      return '';
    }
    this.heldReplacements = '';

    let releasable = incoming.slice(0, incoming.length - trailingRun);
    this.heldReplacements = incoming.slice(incoming.length - trailingRun);

    const last = releasable.charCodeAt(releasable.length - 1);
    if (this.heldReplacements === '' && isHighSurrogate(last)) {
      this.heldHighSurrogate = releasable.slice(-1);
      releasable = releasable.slice(0, -1);
    }

    this.assembled += releasable;
    return releasable;
  }

  /** End of stream: drop incomplete characters; returns what is left to show (always ""). */
  finish(): string {
    this.heldHighSurrogate = '';
    this.heldReplacements = '';
    return '';
  }
}

function countTrailing(text: string, char: string): number {
  let count = 0;
  for (let i = text.length - 1; i >= 0 && text[i] === char; i--) count++;
  return count;
}
