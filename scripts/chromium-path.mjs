// Finds the Chromium that browser tests drive. Playwright cannot download its own browser on
// machines without internet, so Debian's build is preferred and the failure says how to get one.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'];
  for (const path of candidates) if (path && existsSync(path)) return path;
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // playwright-core throws when it has no browser of its own; fall through to the instruction.
  }
  throw new Error(
    'No Chromium found: install it (`apt-get install -y chromium`) or set CHROMIUM_PATH to a Chromium binary.',
  );
}

/** Flags every headless run needs here; WebGPU is opt-in so both configurations can be tested. */
export function chromiumArgs({ webgpu }) {
  const args = [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
  ];
  if (webgpu) args.push('--enable-unsafe-webgpu');
  return args;
}
