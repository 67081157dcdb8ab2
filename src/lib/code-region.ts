// Pulls a marked region out of a source file, so the article can show the playground's real code
// (the code that runs) instead of a copy that could drift from it.
//   // #region name   ...   // #endregion name
export function codeRegion(source: string, name: string): string {
  const start = source.indexOf(`// #region ${name}\n`);
  const end = source.indexOf(`// #endregion ${name}`);
  if (start < 0 || end < start) throw new Error(`Region "${name}" not found`);
  const body = source.slice(start + `// #region ${name}\n`.length, end);
  const lines = body.replace(/\s+$/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}
