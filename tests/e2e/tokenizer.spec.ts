import { expect, test, type Page } from '@playwright/test';
import type { Family } from '../../src/playground/tokenizer/families.ts';
import { loadNodeTokenizer } from '../../src/playground/tokenizer/node-files.ts';
import { PRESETS } from '../../src/playground/tokenizer/presets.ts';
import { comparisonSentence } from '../../src/playground/tokenizer/summary.ts';
import { requestsSoFarRecorded } from './chat-network';
import { watchPageHealth } from './page-health';
import { siteUrl, subSite } from './sites.mjs';
import { openSettled } from './open-settled';

// The served tokenizer files (content-hashed by the build) and the worker that parses them.
const TOKENIZER_FILE = /\/_astro\/tokenizer\.[\w-]+\.json$/;
const WORKER_CHUNK = /\/_astro\/worker[-.][\w-]+\.js$/;
const PLAYGROUND = './playground/tokenizer/';
const chinese = PRESETS.find((preset) => preset.id === 'article-zh')!;

const island = (page: Page) => page.locator('[data-island-root="tokenizer"]');
const panel = (page: Page, family: Family) => page.locator(`.tok-panel[data-family="${family}"]`);

async function loadTokenizers(page: Page): Promise<void> {
  await expect(island(page)).toHaveAttribute('data-island-state', 'ready');
  await island(page)
    .getByRole('button', { name: /^加载分词器（约 [\d.]+ MB）$/ })
    .click();
  await expect(island(page).locator('.tok-status')).toHaveText(/分词器已加载/, { timeout: 45_000 });
}

/** The standalone page, with the load button pressed (downloads that a test routes may fail). */
async function openAndPressLoad(page: Page): Promise<void> {
  await page.goto(PLAYGROUND);
  await expect(island(page)).toHaveAttribute('data-island-state', 'ready');
  await island(page)
    .getByRole('button', { name: /^加载分词器/ })
    .click();
}

test.describe.configure({ timeout: 90_000 });

test('on the article’s FAQ page, nothing of the tokenizers downloads until the reader types', async ({ page }) => {
  const health = watchPageHealth(page);
  const paths = () => health.requestedUrls.map((url) => new URL(url).pathname);
  await openSettled(page, './faq/');
  // The root is empty (no height) until mounted, and sits below the section's table: scroll to it.
  await island(page).evaluate((root) => root.scrollIntoView({ block: 'center' }));
  await expect(island(page)).toHaveAttribute('data-island-state', 'ready');
  const button = island(page).getByRole('button', { name: /^加载分词器（约 [\d.]+ MB）$/ });
  await expect(button).toBeVisible();
  await requestsSoFarRecorded(page);
  expect(paths().filter((path) => TOKENIZER_FILE.test(path) || WORKER_CHUNK.test(path))).toEqual([]);
  // The build-time table is there without any of it.
  await expect(page.locator('.token-cost table tfoot')).toContainText('合计');

  const firstFile = page.waitForRequest((request) => TOKENIZER_FILE.test(new URL(request.url()).pathname));
  await island(page)
    .getByLabel(/^要切分的文字/)
    .press('End');
  await island(page)
    .getByLabel(/^要切分的文字/)
    .pressSequentially('！');
  await firstFile;
  await expect(island(page).locator('.tok-summary')).toHaveText(/^这段文字 Qwen 需要 \d+ 个 token/, {
    timeout: 45_000,
  });
  expect(health.failedRequests).toEqual([]);
  expect(health.consoleErrors).toEqual([]);
});

test('counts, the summary sentence and ids on focus for a Chinese preset', async ({ page }) => {
  const health = watchPageHealth(page);
  await page.goto(PLAYGROUND);
  await loadTokenizers(page);
  // Each tokenizer is parsed, and each text tokenized, in a worker of its own, side by side on a
  // phone's several cores.
  await expect.poll(() => page.workers().filter((worker) => WORKER_CHUNK.test(new URL(worker.url()).pathname)).length).toBe(2);
  await island(page).getByRole('button', { name: '本文段落（中文）' }).click();

  const qwenIds = loadNodeTokenizer('qwen').encode(chinese.text);
  const llamaIds = loadNodeTokenizer('llama').encode(chinese.text);
  expect(llamaIds.length).toBeGreaterThan(qwenIds.length);
  await expect(panel(page, 'qwen').locator('[data-stat="tokens"]')).toHaveText(String(qwenIds.length));
  await expect(panel(page, 'llama').locator('[data-stat="tokens"]')).toHaveText(String(llamaIds.length));
  await expect(island(page).locator('.tok-summary')).toHaveText(comparisonSentence(qwenIds.length, llamaIds.length));
  await expect(island(page).locator('.tok-summary')).toHaveAttribute('aria-live', 'polite');
  const charsPerToken = ([...chinese.text].length / qwenIds.length).toFixed(2);
  await expect(panel(page, 'qwen').locator('.tok-stats')).toContainText(charsPerToken);

  // Keyboard: the list is one Tab stop; arrow keys move; the focused token shows its id.
  const tokens = panel(page, 'qwen').locator('.tok');
  await expect(tokens.first()).toHaveAttribute('tabindex', '0');
  await tokens.first().focus();
  await expect(tokens.first().locator('.tok-id')).toBeVisible();
  await expect(tokens.first().locator('.tok-id')).toHaveText(String(qwenIds[0]));
  await expect(tokens.nth(1).locator('.tok-id')).toBeHidden();
  await page.keyboard.press('ArrowRight');
  await expect(tokens.nth(1)).toBeFocused();
  await expect(tokens.nth(1).locator('.tok-id')).toBeVisible();
  await expect(tokens.nth(1)).toHaveAttribute('aria-label', new RegExp(`id ${qwenIds[1]}`));
  await expect(panel(page, 'qwen').locator('.tok-detail')).toContainText(`id ${qwenIds[1]}`);
  // Hover shows it too.
  await tokens.nth(3).hover();
  await expect(tokens.nth(3).locator('.tok-id')).toBeVisible();

  // Llama 3 cuts emoji into byte pieces: each is one unit, marked, never "�".
  await island(page).getByRole('button', { name: '表情符号' }).click();
  const emoji = PRESETS.find((preset) => preset.id === 'emoji')!.text;
  await expect(panel(page, 'llama').locator('[data-stat="tokens"]')).toHaveText(
    String(loadNodeTokenizer('llama').encode(emoji).length),
  );
  const partial = panel(page, 'llama').locator('.tok-partial').first();
  await expect(partial).toBeVisible();
  await expect(partial.locator('.tok-partial-tag')).toHaveText('部分字节');
  await expect(partial.locator('.tok-id')).toHaveText(/^\d+ \+ \d+/);
  expect(await panel(page, 'llama').locator('.tok-list').textContent()).not.toContain('\uFFFD');

  // Characters are what the reader sees: the family emoji is one, not the 7 code points it is made of.
  const mixed = '𠮷野家的🍜很好吃👨‍👩‍👧‍👦！';
  await island(page)
    .getByLabel(/^要切分的文字/)
    .fill(mixed);
  await expect(island(page).locator('.tok-count')).toHaveText('10 个字符（16 个 Unicode 码位，UTF-8 编码 54 字节）');
  const mixedTokens = loadNodeTokenizer('qwen').encode(mixed).length;
  await expect(panel(page, 'qwen').locator('[data-stat="tokens"]')).toHaveText(String(mixedTokens));
  await expect(panel(page, 'qwen').locator('.tok-stats')).toContainText(`字符/token${(10 / mixedTokens).toFixed(2)}`);

  // The chat-format view highlights and counts the special tokens.
  await island(page).getByRole('radio', { name: '对话模板' }).check();
  await expect(panel(page, 'qwen').locator('.tok-special').first()).toHaveText(/<\|im_start\|>/);
  await expect(panel(page, 'qwen').locator('.tok-stats')).toContainText('其中特殊 token9');
  await expect(panel(page, 'llama').locator('.tok-special').first()).toHaveText(/<\|begin_of_text\|>/);
  await expect(panel(page, 'llama').locator('.tok-stats')).toContainText('其中特殊 token15');
  expect(health.consoleErrors).toEqual([]);
});

test('the text and the view round-trip through the URL', async ({ page }) => {
  await page.goto(PLAYGROUND);
  await expect(island(page)).toHaveAttribute('data-island-state', 'ready');
  await island(page)
    .getByLabel(/^要切分的文字/)
    .fill('分享这段对比 share me');
  await island(page).getByRole('radio', { name: 'token id' }).check();
  await expect.poll(() => new URL(page.url()).searchParams.get('text')).toBe('分享这段对比 share me');
  await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe('ids');

  const text = '第二个页面：Qwen 与 Llama 3';
  await page.goto(`${PLAYGROUND}?text=${encodeURIComponent(text)}&view=ids`);
  await expect(island(page).getByLabel(/^要切分的文字/)).toHaveValue(text);
  await expect(island(page).getByRole('radio', { name: 'token id' })).toBeChecked();
  await loadTokenizers(page);
  const ids = loadNodeTokenizer('llama').encode(text);
  await expect(panel(page, 'llama').locator('.tok-ids')).toHaveText(`[${ids.join(', ')}]`);
});

test('the address stays plain until the reader types, and a text too long for a link stays out of it', async ({ page }) => {
  await page.goto(PLAYGROUND);
  // Loading and counting the default text happens after the page has set up its share link.
  await loadTokenizers(page);
  await expect(panel(page, 'qwen').locator('.tok-stats')).toContainText(/\d/);
  expect(new URL(page.url()).search).toBe('');

  // 300 Chinese characters are 2,700 bytes once percent-encoded.
  await island(page).getByLabel(/^要切分的文字/).fill('中'.repeat(300));
  await expect(island(page).locator('.tok-share')).toContainText('文字太长，放不进链接');
  await island(page).getByRole('radio', { name: 'token id' }).check();
  await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe('ids');
  expect(new URL(page.url()).searchParams.has('text')).toBe(false);
});

test('a hostile text from the URL stays text', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const hostile = '<img src=x onerror=alert(1)>';
  await page.goto(`${PLAYGROUND}?text=${encodeURIComponent(hostile)}`);
  await expect(island(page).getByLabel(/^要切分的文字/)).toHaveValue(hostile);
  await loadTokenizers(page);
  await expect(panel(page, 'qwen').locator('.tok').first()).toBeVisible();
  expect(await island(page).locator('img').count()).toBe(0);
  const drawn = await panel(page, 'qwen').locator('.tok-text').allTextContents();
  expect(drawn.join('').replaceAll('·', ' ')).toBe(hostile);
  expect(dialogs).toEqual([]);
});

test('a failed download shows a Chinese error, and Retry works', async ({ page }) => {
  let failing = true;
  await page.route(TOKENIZER_FILE, (route) =>
    failing ? route.fulfill({ status: 500, body: 'server error' }) : route.continue(),
  );
  await openAndPressLoad(page);
  const alert = island(page).getByRole('alert');
  await expect(alert).toContainText('分词器文件下载失败（服务器返回 HTTP 500）');
  const retry = alert.getByRole('button', { name: '重试' });
  await expect(retry).toBeFocused();
  failing = false;
  await retry.click();
  await expect(island(page).locator('.tok-status')).toHaveText(/分词器已加载/, { timeout: 45_000 });
  await expect(alert).toBeHidden();
  await expect(island(page).locator('.tok-summary')).toHaveText(/^这段文字 Qwen 需要 \d+ 个 token/);
});

test('a tokenizer file answered with an HTML page: the error says so in Chinese, the browser’s English only under 技术细节', async ({ page }) => {
  await page.route(TOKENIZER_FILE, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!DOCTYPE html><html><body>请先登录</body></html>' }),
  );
  await openAndPressLoad(page);
  const alert = island(page).getByRole('alert');
  await expect(alert.locator('.tok-error-text')).toHaveText(/分词器文件内容不对.*返回了一个网页/);
  await expect(alert.locator('.tok-error-text')).not.toContainText(/JSON|Unexpected|token/);
  const details = alert.locator('details');
  await expect(details).not.toHaveAttribute('open');
  await expect(details.locator('p')).toBeHidden();
  await details.locator('summary').click();
  await expect(details.locator('p')).toContainText('JSON');

  // The page was not kept as the tokenizer file: once the real file is served, 重试 loads it.
  await page.unroute(TOKENIZER_FILE);
  await alert.getByRole('button', { name: '重试' }).click();
  await expect(island(page).locator('.tok-status')).toHaveText(/分词器已加载/, { timeout: 45_000 });
});

test('under a sub-path the tokenizer files are served below the base path', async ({ page }) => {
  const health = watchPageHealth(page);
  await page.goto(`${siteUrl(subSite)}playground/tokenizer/`);
  await loadTokenizers(page);
  const files = health.requestedUrls.map((url) => new URL(url).pathname).filter((path) => TOKENIZER_FILE.test(path));
  expect(files).toHaveLength(2);
  for (const path of files) expect(path.startsWith(`${subSite.base}_astro/`)).toBe(true);
  expect(health.failedRequests).toEqual([]);

  // Meta's licence asks that whoever serves the tokenizer also provides the licence, the notice
  // and "Built with Meta Llama 3": the island links this site's own copy, under the base path.
  const licence = island(page).locator('.tok-licence');
  await expect(licence).toContainText('Built with Meta Llama 3');
  await expect(licence).toContainText('Meta Llama 3 is licensed under the Meta Llama 3 Community License, Copyright © Meta Platforms, Inc. All Rights Reserved.');
  const href = await licence.getByRole('link', { name: 'Meta Llama 3 Community License' }).getAttribute('href');
  expect(href).toBe(`${subSite.base}licenses/meta-llama-3/LICENSE.txt`);
  const text = await (await page.request.get(new URL(href!, page.url()).href)).text();
  expect(text.startsWith('META LLAMA 3 COMMUNITY LICENSE AGREEMENT')).toBe(true);
  expect(text).toContain('provide a copy of this Agreement with any such Llama Materials');
  const notice = await page.request.get(`${siteUrl(subSite)}licenses/meta-llama-3/NOTICE.txt`);
  expect(await notice.text()).toContain('Meta Llama 3 is licensed under the Meta Llama 3 Community License');
});
