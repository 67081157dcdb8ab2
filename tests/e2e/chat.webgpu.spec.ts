import { expect, test, type Locator, type Page } from '@playwright/test';
import { answerModelHosts, recordTraffic, requestsSoFarRecorded, WORKER_CHUNK, type ModelHostAnswer } from './chat-network';
import { openSettled } from './open-settled';
import { axe, describeViolations, wcagTags } from './axe';

// Chromium's SwiftShader adapter (real WebGPU, no shader-f16) with the real web-llm worker. There
// is no internet here and no model could run on SwiftShader anyway, so the model hosts are
// answered by the test: 404, a dropped connection, or silence.

const island = (page: Page) => page.locator('[data-island-root="chat"]');
const loadButton = (page: Page) => island(page).getByRole('button', { name: '加载', exact: true });

async function openPlayground(page: Page): Promise<Locator> {
  await openSettled(page, 'playground/');
  await expect(island(page)).toHaveAttribute('data-island-state', 'ready');
  await expect(island(page).locator('.chat-capability')).toHaveAttribute('data-ok', 'true');
  return island(page);
}

test('the capability check finds the adapter and offers only f32 builds, defaulting to q4f32_1', async ({ page, context }) => {
  const traffic = recordTraffic(context);
  const chat = await openPlayground(page);
  await expect(chat.locator('.chat-capability')).toContainText('shader-f16');
  const family = chat.getByLabel('模型家族');
  const model = chat.getByLabel('模型与尺寸');
  const build = chat.getByLabel('量化版本');
  await expect(build).toHaveValue('Qwen2.5-0.5B-Instruct-q4f32_1-MLC');

  const offered: string[] = [];
  const refused: string[] = [];
  for (const [familyValue, familyName] of [['qwen', 'Qwen'], ['llama', 'Llama']] as const) {
    await family.selectOption(familyValue);
    // The model list follows the family when the view next draws: read it once it has.
    await expect
      .poll(() => model.locator('option').evaluateAll((options, name) => options.length > 0 && options.every((o) => o.textContent!.includes(name)), familyName))
      .toBe(true);
    await expect(build).toHaveValue(/q4f32_1/);
    const models = await model.locator('option:not([disabled])').evaluateAll((options) =>
      options.map((o) => (o as HTMLOptionElement).value),
    );
    for (const name of models) {
      await model.selectOption(name);
      // Its builds are drawn in the next frame: "Qwen2.5 0.5B Instruct" → Qwen2.5-0.5B-Instruct-….
      await expect(build).toHaveValue(new RegExp(`^${name.replaceAll(' ', '-').replaceAll('.', '\\.')}-`));
      const options = await build.locator('option').evaluateAll((list) =>
        list.map((o) => ({ id: (o as HTMLOptionElement).value, label: o.textContent ?? '', disabled: (o as HTMLOptionElement).disabled })),
      );
      for (const option of options) (option.disabled ? refused : offered).push(`${option.id} ${option.label}`);
    }
  }
  expect(offered.length).toBeGreaterThan(10);
  for (const line of offered) expect(line).not.toMatch(/f16/);
  expect(offered.filter((line) => /q4f32_1/.test(line)).length).toBeGreaterThan(10);
  expect(refused.length).toBeGreaterThan(10);
  for (const line of refused) expect(line).toMatch(/f16.*不可用：需要 shader-f16/);

  await requestsSoFarRecorded(page);
  expect(traffic.workerRequests()).toEqual([]);
  expect(traffic.modelRequests()).toEqual([]);
});

test('404 from the model hosts: a clear message, and 重试 really tries again (then the network drops)', async ({
  page,
  context,
}) => {
  let answer: ModelHostAnswer = '404';
  const traffic = recordTraffic(context);
  const seen = await answerModelHosts(context, () => answer);
  const chat = await openPlayground(page);
  await requestsSoFarRecorded(page);
  expect(traffic.workerRequests(), 'web-llm must not load before 加载').toEqual([]);
  expect(seen).toEqual([]);

  await loadButton(page).click();
  const error = chat.locator('.chat-error');
  await expect(error).toBeVisible({ timeout: 20_000 });
  // The engine names the file and status when it can find them out; either way it says "download failed".
  await expect(error.locator('.chat-error-message')).toHaveText(/下载失败/);
  await expect(error.locator('.chat-error-message')).not.toContainText(/TypeError|Cache|at |HTTP|huggingface|\.json/);
  await expect(error.locator('.chat-error-details')).toContainText(/huggingface\.co 答复 HTTP 404：.+mlc-chat-config\.json/);
  expect(traffic.workerDownloads()).toHaveLength(1);
  const firstAttempt = seen.length;
  expect(firstAttempt).toBeGreaterThan(0);
  expect(seen[0]).toMatch(/huggingface\.co\/.+mlc-chat-config\.json$/);

  answer = 'disconnected';
  // The mirror is the likeliest cure for a host that fails; 重试 stays one button further.
  await expect(error.getByRole('button', { name: '改用 hf-mirror.com 镜像并重试' })).toBeFocused();
  const retry = error.getByRole('button', { name: '重试', exact: true });
  await retry.click();
  await expect(error.locator('.chat-error-message')).toHaveText(/网络连接失败|连不上/, { timeout: 20_000 });
  expect(seen.length).toBeGreaterThan(firstAttempt);

  // One copy of web-llm, in the worker: no second 6 MB chunk on the main thread, none for the retry.
  const large = await traffic.largeScripts();
  expect(large).toHaveLength(1);
  expect(new URL(large[0]!).pathname).toMatch(WORKER_CHUNK);
  expect(traffic.workerDownloads()).toHaveLength(1);
});

test('a dropped connection: the network message and 重试', async ({ page, context }) => {
  await answerModelHosts(context, () => 'disconnected');
  const chat = await openPlayground(page);
  await loadButton(page).click();
  await expect(chat.locator('.chat-error-message')).toHaveText(/(网络连接失败|连不上).*请检查网络后重试/, { timeout: 20_000 });
  await expect(chat.locator('.chat-error').getByRole('button', { name: '重试', exact: true })).toBeVisible();
});

test('a stalled download: progress stays, the page stays responsive, and 取消加载 works', async ({ page, context }) => {
  const seen = await answerModelHosts(context, () => 'stall');
  const chat = await openPlayground(page);
  await loadButton(page).click();
  const progress = chat.locator('.chat-progress');
  await expect(progress).toBeVisible();
  await expect.poll(() => seen.length, { timeout: 20_000 }).toBeGreaterThan(0);
  await expect(progress).toBeVisible();
  await expect(progress.locator('.progress-label')).toHaveText(/准备中：\s*0%/);
  await expect(loadButton(page)).toBeDisabled();

  // The main thread is free: typing, the theme toggle and a frame all happen promptly.
  const prompt = chat.getByLabel('你的问题');
  await prompt.fill('等模型的时候先写问题');
  await prompt.press('Shift+Enter');
  await prompt.pressSequentially('第二行');
  await expect(prompt).toHaveValue('等模型的时候先写问题\n第二行');
  const html = page.locator('html');
  const before = await html.getAttribute('data-theme');
  await page.locator('.theme-toggle').first().click();
  await expect(html).not.toHaveAttribute('data-theme', before ?? '');
  const frameMs = await page.evaluate(
    () => new Promise<number>((resolve) => {
      const start = performance.now();
      requestAnimationFrame(() => resolve(performance.now() - start));
    }),
  );
  expect(frameMs).toBeLessThan(200);
  // All that while, the stalled load kept its progress.
  await expect(progress.locator('.progress-label')).toHaveText(/准备中：\s*0%/);

  await chat.getByRole('button', { name: '取消加载' }).click();
  await expect(progress).toBeHidden();
  await expect(chat.locator('.chat-notice')).toHaveText(/已取消加载/);
  await expect(loadButton(page)).toBeEnabled();
  await expect(loadButton(page)).toBeFocused();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the full island (picker, settings, an error) passes axe, ${colorScheme} theme`, async ({ page, context }) => {
    await page.emulateMedia({ colorScheme });
    await answerModelHosts(context, () => '404');
    const chat = await openPlayground(page);
    await chat.locator('.chat-settings summary').click();
    await loadButton(page).click();
    await expect(chat.locator('.chat-error')).toBeVisible({ timeout: 20_000 });
    const results = await axe(page)
      .include('[data-island-root="chat"]')
      .withTags(wcagTags)
      .analyze();
    expect(describeViolations(results)).toEqual([]);
  });
}
