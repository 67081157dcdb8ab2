import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every page of a built site, as paths relative to its base ("", "playground/", "404.html"). */
export function builtPages(dir: string): string[] {
  const pages: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.html')) {
        const rel = relative(dir, path).split(sep).join('/');
        pages.push(rel === 'index.html' ? '' : rel.replace(/(^|\/)index\.html$/, '$1'));
      }
    }
  };
  walk(dir);
  return pages.sort();
}
