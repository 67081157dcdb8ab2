// Colour codes only for a terminal: a bench piped into a file or a CI log would otherwise be full
// of raw escape sequences from the tools it runs (Astro, Vitest), which decide on their own.
export function childEnv(env = process.env) {
  if (process.stdout.isTTY) return env;
  // FORCE_COLOR (set by some CI services) would win over NO_COLOR in some of those tools.
  const { FORCE_COLOR, ...rest } = env;
  return { ...rest, NO_COLOR: '1' };
}
