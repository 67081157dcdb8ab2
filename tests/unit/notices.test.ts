// The third-party notices cover every package whose files reach readers, from the installed
// packages' own licence files; host-builds.test.ts checks that a real build ships and links them.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { buildOnlyPackages, noticesText, packageLicence, shippedPackages } from '../../scripts/publish/notices.mjs';

describe('third-party notices', () => {
  test('every runtime dependency is either in the notices or named as build-only, with a reason', () => {
    const dependencies = Object.keys(JSON.parse(readFileSync('package.json', 'utf8')).dependencies).sort();
    const listed = [...shippedPackages.map((entry) => entry.name), ...Object.keys(buildOnlyPackages)];
    for (const name of dependencies) expect(listed, name).toContain(name);
    // Packages shipped through a dependency (loglevel, inside web-llm) are listed too.
    for (const name of listed) expect(() => packageLicence(name), name).not.toThrow();
  });

  test('each shipped package appears with its installed version and the full text of its licence files', () => {
    const text = noticesText();
    for (const { name } of shippedPackages) {
      const { version, files } = packageLicence(name);
      expect(files.length, name).toBeGreaterThan(0);
      expect(text).toContain(`${name} ${version} (package.json:`);
      for (const { text: licence } of files) expect(text).toContain(licence);
    }
    // DOMPurify is dual-licensed and ships both texts.
    expect(packageLicence('dompurify').files.map((f) => f.file)).toEqual(['LICENSE', 'LICENSE-MPL']);
  });

  test('the math font the article serves is listed with the SIL Open Font License it is under', () => {
    const text = noticesText();
    expect(text).toContain(`@fontsource/noto-sans-math ${packageLicence('@fontsource/noto-sans-math').version}`);
    expect(text).toContain('SIL OPEN FONT LICENSE Version 1.1');
  });

  test('the tokenizer data are credited to their owners, with the licences served beside the notices', () => {
    const text = noticesText();
    expect(text).toContain('qwen/LICENSE.txt');
    expect(text).toContain('meta-llama-3/LICENSE.txt');
    expect(readFileSync('public/licenses/qwen/LICENSE.txt', 'utf8')).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
  });
});
