// The `_headers` file format shared by Netlify and Cloudflare Pages: a path pattern on its own
// line, then indented `Name: value` lines. The local server and the tests read it with this
// module, so what they check is what a host would send.

/** Rules in file order: `[{ path, headers: [[name, value], …] }]`. Comments and blank lines drop out. */
export function parseHeaders(text) {
  const rules = [];
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      rules.push({ path: line.trim(), headers: [] });
      continue;
    }
    const match = /^\s+([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
    const rule = rules.at(-1);
    if (!match || !rule) throw new Error(`_headers line ${index + 1} is not "  Name: value" under a path: ${line}`);
    rule.headers.push([match[1], match[2].trim()]);
  }
  return rules;
}

export function serializeHeaders(rules, comment = '') {
  const blocks = rules.map((rule) => [rule.path, ...rule.headers.map(([name, value]) => `  ${name}: ${value}`)].join('\n'));
  return `${comment}${blocks.join('\n\n')}\n`;
}

/** Cloudflare's matching: `*` (a splat) spans anything, slashes included; `:name` one path segment. */
export function pathMatches(pattern, pathname) {
  const source = pattern
    .split(/(\*|:[A-Za-z]\w*)/)
    .map((part) => (part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`).test(pathname);
}

/**
 * The headers a host sends for a path: every matching rule applies, and a header named by more
 * than one of them gets their values joined with ", " (which is why no two rules that can match
 * one path should set the same header).
 */
export function headersFor(rules, pathname) {
  const result = new Map();
  for (const rule of rules) {
    if (!pathMatches(rule.path, pathname)) continue;
    for (const [name, value] of rule.headers) {
      const key = name.toLowerCase();
      result.set(key, result.has(key) ? `${result.get(key)}, ${value}` : value);
    }
  }
  return Object.fromEntries(result);
}

/**
 * Cloudflare Pages' documented limits for `_headers` (developers.cloudflare.com/pages/configuration/
 * headers, "Limits"): at most 100 rules, and one header at most 2,000 characters; past them rules
 * are dropped, with no error at deploy time. Netlify documents no such limits.
 */
export const hostLimits = { rules: 100, headerLength: 2000 };

/** How a header is counted against the limit: its whole line, name and indentation included. */
export const headerLine = ([name, value]) => `  ${name}: ${value}`;

/** What in these rules a host would drop, as sentences; empty when all of it fits. */
export function overHostLimits(rules) {
  const problems = [];
  if (rules.length > hostLimits.rules) problems.push(`${rules.length} rules (Cloudflare Pages reads ${hostLimits.rules})`);
  for (const rule of rules) {
    for (const header of rule.headers) {
      const length = headerLine(header).length;
      if (length > hostLimits.headerLength) {
        problems.push(`${rule.path} ${header[0]} is ${length} characters (Cloudflare Pages reads ${hostLimits.headerLength})`);
      }
    }
  }
  return problems;
}
