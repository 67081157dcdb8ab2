// Generated parts of the docs live between two HTML comments,
//   <!-- generated:<name> by <command> -->  …  <!-- /generated:<name> -->
// so a script can rewrite them and a test can check they are what the script would write.
import { readFileSync, writeFileSync } from 'node:fs';

const markers = (name) => [new RegExp(`<!-- generated:${name} by [^>]*-->\\n`), `<!-- /generated:${name} -->`];

/** The text between the markers of block `name` in `file`. */
export function readBlock(file, name) {
  const text = readFileSync(file, 'utf8');
  const [open, close] = markers(name);
  const start = open.exec(text);
  const end = text.indexOf(close);
  if (!start || end < start.index) throw new Error(`${file} has no generated block "${name}"`);
  return text.slice(start.index + start[0].length, end);
}

/** Replaces the text between the markers of block `name` in `file` with `content`. */
export function writeBlock(file, name, content) {
  const text = readFileSync(file, 'utf8');
  const old = readBlock(file, name);
  const [open] = markers(name);
  const start = open.exec(text);
  const from = start.index + start[0].length;
  writeFileSync(file, text.slice(0, from) + content + text.slice(from + old.length));
}
