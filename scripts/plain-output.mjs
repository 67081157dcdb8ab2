// Colour codes only for a terminal: a bench piped into a file or a CI log would otherwise be full
// of raw escape sequences from the tools it runs. NO_COLOR quiets most of them; Vite's bundler
// (rolldown) colours its warnings regardless, so their output is also passed through a filter.
import { spawnSync } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';

export const onTerminal = process.stdout.isTTY === true;

export function childEnv(env = process.env) {
  if (onTerminal) return env;
  // FORCE_COLOR (set by some CI services) would win over NO_COLOR in some of those tools.
  const { FORCE_COLOR, ...rest } = env;
  return { ...rest, NO_COLOR: '1' };
}

/** Prints a child process's output as this process's own, without escape sequences off a terminal. */
export function printOutput(text) {
  process.stdout.write(onTerminal ? text : stripVTControlCharacters(text));
}

/** Runs a command with its output shown: live on a terminal, filtered once it ends otherwise. */
export function runShown(command, args, options = {}) {
  if (onTerminal) return spawnSync(command, args, { ...options, stdio: ['ignore', 'inherit', 'inherit'] });
  const result = spawnSync(command, args, { ...options, env: childEnv(options.env), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  printOutput(`${result.stdout ?? ''}${result.stderr ?? ''}`);
  return result;
}
