/**
 * The real chat view (every panel, the real Markdown renderer, real keyboard events) in real
 * Chromium, with the scripted FakeChatEngine behind it instead of web-llm.
 */
import '../../src/styles/global.css';
import '../../src/playground/ui/island.css';
import '../../src/playground/chat/view/chat.css';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { EnvironmentDescription } from '../../src/playground/gpu/capability';
import { mountChat, type MountedChat } from '../../src/playground/chat/mount';
import { createChatView } from '../../src/playground/chat/view/chat-view';
import { ChatSession } from '../../src/playground/session/chat-session';
import { nextStepsOf } from '../../src/playground/ui/capability-notice';
import { afterImageErrors, buttonNamed as namedButton, one as first, piecesInOrder, shown, visible } from '../fixtures/dom';
import { NO_F16_GPU, NO_GPU } from '../fixtures/environments';
import { currentModelSource, SOURCE_STORAGE_KEY } from '../../src/playground/sources/source-store';
import { StepGate, FakeChatEngine, type FakeChatEngineOptions } from '../fixtures/fake-engine';

const MiB = 1024 ** 2;

interface Island {
  root: HTMLElement;
  engine: FakeChatEngine;
  chat: MountedChat;
  reloads: number;
}

const islands: Island[] = [];

afterEach(async () => {
  for (const island of islands.splice(0)) {
    await island.chat.destroy();
    island.root.remove();
  }
  localStorage.removeItem(SOURCE_STORAGE_KEY);
  vi.restoreAllMocks();
});

async function mountIsland(options: FakeChatEngineOptions = {}, env: EnvironmentDescription = NO_F16_GPU): Promise<Island> {
  const root = document.createElement('div');
  document.body.append(root);
  const engine = new FakeChatEngine(options);
  const island: Island = { root, engine, reloads: 0, chat: null as unknown as MountedChat };
  island.chat = await mountChat(root, { createEngine: () => engine, probe: async () => env, reloadPage: () => island.reloads++ });
  islands.push(island);
  return island;
}

const one = <T extends Element = HTMLElement>(island: Island, selector: string) => first<T>(island.root, selector);
const buttonNamed = (island: Island, name: string | RegExp) => namedButton(island.root, name);
const prompt = (island: Island) => one<HTMLTextAreaElement>(island, 'textarea.chat-prompt');
const status = (island: Island) => one(island, '[role="status"]').textContent;
const lastAnswer = (island: Island) => [...island.root.querySelectorAll('.chat-turn[data-role="assistant"]')].at(-1) as HTMLElement | undefined;
const streamChats = (island: Island) => island.engine.calls.filter((c) => c.method === 'streamChat');

async function load(island: Island): Promise<void> {
  await userEvent.click(one(island, '.chat-load'));
  await expect.poll(() => status(island)).toMatch(/已加载，可以开始对话/);
}

async function ask(island: Island, text: string): Promise<void> {
  await userEvent.fill(prompt(island), text);
  await userEvent.keyboard('{Enter}');
}

async function answered(island: Island): Promise<HTMLElement> {
  // One condition: polled apart, "not streaming" passed before the answer existed, and then an
  // answer still streaming passed "defined".
  await expect.poll(() => lastAnswer(island)?.dataset.state ?? 'none').toMatch(/^(done|stopped|length|error)$/);
  // On a busy machine the last Markdown can still be waiting for its slice of a later frame.
  island.chat.flush();
  return lastAnswer(island)!;
}

describe('model picker and loading', () => {
  test('offers only q4f32 builds on a GPU without shader-f16, says why, and touches no engine before 加载', async () => {
    const island = await mountIsland();
    const build = one<HTMLSelectElement>(island, 'select[id$="-build"]');
    expect(build.value).toBe('Qwen2.5-0.5B-Instruct-q4f32_1-MLC');
    const enabled = [...build.options].filter((o) => !o.disabled);
    const disabled = [...build.options].filter((o) => o.disabled);
    expect(enabled.map((o) => o.textContent)).toEqual(['q4f32_1', 'q0f32']);
    expect(disabled.map((o) => o.textContent)).toEqual([
      'q4f16_1（不可用：需要 shader-f16，你的显卡不支持）',
      'q0f16（不可用：需要 shader-f16，你的显卡不支持）',
    ]);
    expect(one(island, '.chat-capability').textContent).toMatch(/shader-f16/);
    expect(one(island, '.chat-build-facts').textContent).toMatch(/^估计下载约 \d+ MB · 需要显存约 1\.1 GB/);
    expect(visible(one(island, '.chat-badge'))).toBe(false);
    expect(island.engine.calls).toEqual([]);

    await userEvent.selectOptions(one<HTMLSelectElement>(island, 'select[id$="-family"]'), 'llama');
    await expect.poll(() => build.value).toBe('Llama-3.2-1B-Instruct-q4f32_1-MLC');
    expect(island.chat.session.getState().settings.temperature).toBe(0.6);
    expect(island.engine.calls).toEqual([]);
  });

  test('without WebGPU: the capability message and no picker, no 加载', async () => {
    const island = await mountIsland({}, NO_GPU);
    const message = one(island, '.chat-capability');
    expect(message.dataset.ok).toBe('false');
    expect(message.textContent).toMatch(/没有提供 WebGPU/);
    expect(visible(one(island, '.chat-load'))).toBe(false);
    expect(visible(one(island, '.chat-picker'))).toBe(false);
    expect(visible(prompt(island))).toBe(false);
    expect(status(island)).toMatch(/没有提供 WebGPU/);
  });

  test('without WebGPU, two islands on a page: the first holds the notice, the other links to it and takes over when it goes', async () => {
    const env: EnvironmentDescription = { isSecureContext: true, hasNavigatorGpu: true, adapter: null };
    const mountWithLinks = async () => {
      const root = document.createElement('div');
      Object.assign(root.dataset, { tokenizerHref: '/playground/tokenizer/', explorerHref: '/#attention-explorer', standalone: 'false' });
      document.body.append(root);
      const engine = new FakeChatEngine();
      const island: Island = { root, engine, reloads: 0, chat: await mountChat(root, { createEngine: () => engine, probe: async () => env }) };
      islands.push(island);
      return island;
    };
    const first = await mountWithLinks();
    const second = await mountWithLinks();
    const notice = (island: Island) => one(island, '.chat-capability');

    expect(notice(first).dataset.notice).toBe('full');
    expect(notice(first).textContent).toMatch(/硬件加速/);
    expect([...notice(first).querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([
      `#${one(first, '.chat-cpu-offer').id}`,
      '/playground/tokenizer/',
      '/#attention-explorer',
    ]);
    expect(visible(one(first, '.chat-settings'))).toBe(true);
    expect(one<HTMLInputElement>(first, '.chat-settings input[type="number"]').disabled).toBe(true);

    expect(notice(second).dataset.notice).toBe('reference');
    expect(notice(second).querySelector('a')?.getAttribute('href')).toBe(`#${notice(first).id}`);
    expect(visible(one(second, '.chat-settings'))).toBe(false);

    // The first island goes (the reader switched it to the CPU path): the second now explains.
    await first.chat.destroy();
    expect(notice(second).dataset.notice).toBe('full');
    await expect.poll(() => visible(one(second, '.chat-settings'))).toBe(true);
  });

  test('progress shows phase, percent and megabytes; then ready and cached', async () => {
    const gate = new StepGate();
    const island = await mountIsland({
      loads: [
        {
          gate,
          progress: [
            { phase: 'download', fraction: 0.5, loadedBytes: 150 * MiB, totalBytes: 300 * MiB, text: 'Fetching param cache[1/2]' },
            { phase: 'compile', fraction: 0.25, text: 'Loading GPU shader modules[1/4]' },
          ],
        },
      ],
    });
    await userEvent.click(one(island, '.chat-load'));
    const label = () => one(island, '.chat-progress .progress-label').textContent;
    await gate.release();
    await expect.poll(label).toBe('下载：50%（157 MB / 315 MB）');
    expect(visible(one(island, '.chat-progress'))).toBe(true);
    expect(one<HTMLProgressElement>(island, 'progress').value).toBe(50);
    await gate.release();
    await expect.poll(label).toBe('编译着色器：25%');
    await gate.release();
    await expect.poll(() => status(island)).toMatch(/已加载/);
    expect(visible(one(island, '.chat-progress'))).toBe(false);
    expect(one(island, '.chat-load').textContent).toBe('已加载');
    expect(visible(one(island, '.chat-badge'))).toBe(true);
  });

  test('取消加载 stops waiting at once, unloads, and says so', async () => {
    // A load that never gets past its first step unless cancelled.
    const island = await mountIsland({ loads: [{ gate: new StepGate() }] });
    await userEvent.click(one(island, '.chat-load'));
    await expect.poll(() => visible(one(island, '.chat-progress'))).toBe(true);
    expect(document.activeElement?.textContent).toBe('取消加载');
    await userEvent.click(buttonNamed(island, '取消加载'));
    await expect.poll(() => visible(one(island, '.chat-progress'))).toBe(false);
    expect(one(island, '.chat-notice').textContent).toMatch(/已取消加载/);
    expect(island.engine.calls.map((c) => c.method)).toContain('unload');
    expect(one<HTMLButtonElement>(island, '.chat-load').disabled).toBe(false);
  });

  test('a failed load shows the message and 重试, and 重试 really loads again', async () => {
    const island = await mountIsland({ loads: [{ failWith: 'TypeError: Failed to fetch' }, {}] });
    await userEvent.click(one(island, '.chat-load'));
    await expect.poll(() => visible(one(island, '.chat-error'))).toBe(true);
    expect(one(island, '.chat-error-message').textContent).toMatch(/^网络连接失败/);
    expect(one(island, '.chat-error-message').textContent).not.toMatch(/Failed to fetch/);
    const retry = buttonNamed(island, '重试');
    // The browser's own words wait, collapsed, under 技术细节.
    const details = one<HTMLDetailsElement>(island, '.chat-error-details');
    expect(visible(details) && !details.open).toBe(true);
    expect(details.textContent).toBe('技术细节TypeError: Failed to fetch');
    await userEvent.click(retry);
    await expect.poll(() => status(island)).toMatch(/已加载/);
    expect(visible(one(island, '.chat-error'))).toBe(false);
    expect(island.engine.calls.filter((c) => c.method === 'load')).toHaveLength(2);
  });

  test('a config cached as an HTML page: the error offers to delete the model’s files, which deletes them and really loads again', async () => {
    const html = 'SyntaxError: Unexpected token \'<\', "<!DOCTYPE "... is not valid JSON';
    const island = await mountIsland({ loads: [{ failWith: html }, {}] });
    await userEvent.click(one(island, '.chat-load'));
    await expect.poll(() => visible(one(island, '.chat-error'))).toBe(true);
    expect(one(island, '.chat-error-message').textContent).toMatch(/返回了一个网页.*重试也会读到同一个坏文件/);
    expect(one(island, '.chat-error-details').textContent).toMatch(/is not valid JSON/);
    // Deleting the bad file helps; another download source would serve the same file again.
    expect(island.root.querySelector('a.chat-error-link')?.closest('[hidden]')).not.toBeNull();
    const repair = buttonNamed(island, '删除这个模型已下载的文件并重新下载');
    expect(document.activeElement).toBe(repair);
    await userEvent.click(repair);
    await expect.poll(() => status(island)).toMatch(/已加载/);
    const [failed, deleted, reloaded] = island.engine.calls.filter((c) => c.method === 'load' || c.method === 'deleteCached');
    expect([failed?.method, deleted?.method, reloaded?.method]).toEqual(['load', 'deleteCached', 'load']);
    expect(deleted).toMatchObject({ modelId: (failed as { modelId: string }).modelId });
    expect(reloaded).toMatchObject({ modelId: (failed as { modelId: string }).modelId });
  });

  /** A model host that this network cannot reach; hf-mirror.com answers. */
  const blockedHost = {
    loads: () =>
      currentModelSource().id === 'hf-mirror'
        ? {}
        : { failWith: 'ModelFileError: unreachable https://huggingface.co/mlc-ai/Q/resolve/main/mlc-chat-config.json (TypeError: Failed to fetch)' },
  };

  test('a host that cannot be reached: the error leads with 改用 hf-mirror.com 镜像并重试, which loads from the mirror and is remembered', async () => {
    const island = await mountIsland(blockedHost);
    await userEvent.click(one(island, '.chat-load'));
    await expect.poll(() => visible(one(island, '.chat-error'))).toBe(true);
    const message = one(island, '.chat-error-message').textContent!;
    expect(message).toMatch(/^连不上模型下载源，模型没有下载下来/);
    expect(message).not.toMatch(/huggingface|mlc-chat-config|HTTP/);
    expect(one(island, '.chat-error-details').textContent).toContain('连不上 huggingface.co：https://huggingface.co/mlc-ai/Q/resolve/main/mlc-chat-config.json');
    const mirror = buttonNamed(island, '改用 hf-mirror.com 镜像并重试');
    expect(mirror.classList.contains('button-primary')).toBe(true);
    expect(document.activeElement).toBe(mirror);
    const picker = one<HTMLAnchorElement>(island, 'a.chat-error-link');
    expect(visible(picker)).toBe(true);
    expect(picker.textContent).toBe('选择其他下载源');
    expect(new URL(picker.href).pathname + new URL(picker.href).hash).toBe('/playground/models/#download-source');

    await userEvent.click(mirror);
    await expect.poll(() => status(island)).toMatch(/已加载/);
    expect(visible(one(island, '.chat-error'))).toBe(false);
    expect(island.engine.calls.filter((c) => c.method === 'load')).toHaveLength(2);
    // The same stored setting as the models page's picker: every island, every page, after a reload.
    expect(localStorage.getItem(SOURCE_STORAGE_KEY)).toBe('hf-mirror');
    expect(one(island, '.chat-intro').textContent).toContain('来自 hf-mirror.com 和 jsDelivr');
  });

  test('already on the mirror: 重试 leads, and the way back to Hugging Face and the picker are offered', async () => {
    localStorage.setItem(SOURCE_STORAGE_KEY, 'hf-mirror');
    const island = await mountIsland({ loads: [{ failWith: 'TypeError: Failed to fetch' }, {}] });
    await userEvent.click(one(island, '.chat-load'));
    await expect.poll(() => visible(one(island, '.chat-error'))).toBe(true);
    expect(island.root.textContent).not.toContain('改用 hf-mirror.com 镜像');
    expect(document.activeElement).toBe(buttonNamed(island, '重试'));
    expect(visible(one(island, 'a.chat-error-link'))).toBe(true);
    await userEvent.click(buttonNamed(island, '改回 Hugging Face 并重试'));
    await expect.poll(() => status(island)).toMatch(/已加载/);
    // Hugging Face is the site's default: choosing it forgets the choice, as the models page does.
    expect(localStorage.getItem(SOURCE_STORAGE_KEY)).toBeNull();
    expect(currentModelSource().id).toBe('huggingface');
  });

  test('an unrecognised error keeps its first line in collapsed details, never a stack trace', async () => {
    const island = await mountIsland({
      loads: [{ failWith: 'Error: tvm runtime exploded\n    at foo (index.js:1:2)\n    at bar (index.js:3:4)' }],
    });
    await userEvent.click(one(island, '.chat-load'));
    await expect.poll(() => visible(one(island, '.chat-error'))).toBe(true);
    const details = one<HTMLDetailsElement>(island, '.chat-error-details');
    expect(details.open).toBe(false);
    expect(details.textContent).toContain('Error: tvm runtime exploded');
    expect(island.root.textContent).not.toMatch(/at foo|index\.js/);
  });

  test.each([
    ['DeviceLostError: Device was lost', '换一个更小的模型'],
    ['WorkerCrashedError: the engine worker stopped', '刷新页面'],
  ])('%s offers “%s”', async (raw, label) => {
    const island = await mountIsland({ loads: [{ failWith: raw }] });
    await userEvent.selectOptions(one<HTMLSelectElement>(island, 'select[id$="-model"]'), 'Qwen2.5 3B Instruct');
    await userEvent.click(one(island, '.chat-load'));
    await expect.poll(() => visible(one(island, '.chat-error'))).toBe(true);
    const action = buttonNamed(island, label);
    expect(document.activeElement).toBe(action);
    // Not a download problem: no other download source is suggested.
    expect(visible(buttonNamed(island, /改用|改回/))).toBe(false);
    expect(visible(one(island, 'a.chat-error-link'))).toBe(false);
    await userEvent.click(action);
    if (label === '刷新页面') await expect.poll(() => island.reloads).toBe(1);
    else {
      await expect.poll(() => one(island, '.chat-notice').textContent).toMatch(/更小的模型：Qwen2\.5 1\.5B/);
      expect(one<HTMLSelectElement>(island, 'select[id$="-build"]').value).toBe('Qwen2.5-1.5B-Instruct-q4f32_1-MLC');
      expect(island.engine.calls.filter((c) => c.method === 'load')).toHaveLength(1);
    }
  });
});

describe('mounting', () => {
  test.each([
    ['without WebGPU (the page’s notice)', NO_GPU, ['.chat-intro', '.chat-capability', '.chat-notice', '.chat-settings', '.chat-cpu-offer']],
    ['with WebGPU (the picker)', NO_F16_GPU, ['.chat-intro', '.chat-picker', '.chat-load-row', '.chat-settings', '.chat-composer', '.chat-cpu-offer']],
  ])('%s: the view goes in a piece per frame, from the top down, and ends as the view built at once', async (_, env, parts) => {
    // Laid out in one frame, the first time, the view is over a phone's frame budget
    // (scripts/bench-scroll.mjs measures it); in pieces, each frame draws a part.
    const root = document.createElement('div');
    Object.assign(root.dataset, { tokenizerHref: '/playground/tokenizer/', explorerHref: '/#attention-explorer', standalone: 'false' });
    document.body.append(root);
    const engine = new FakeChatEngine();
    const island: Island = { root, engine, reloads: 0, chat: null as unknown as MountedChat };
    const { batchOf, topDown } = await piecesInOrder(root, parts, async () => {
      island.chat = await mountChat(root, { createEngine: () => engine, probe: async () => env });
      islands.push(island);
    });
    expect(batchOf.every((batch) => batch >= 0)).toBe(true);
    expect(new Set(batchOf).size).toBe(parts.length);
    // Nothing already drawn moves: each frame adds below what the frames before it added.
    expect(topDown).toBe(true);

    // Whole: the same view, element for element, as one built at once from a session that has
    // probed the same device (with the mounted island gone, so it holds the page's notice too).
    const id = one(island, '.chat-capability').id.replace(/-capability$/, '');
    const offerId = one(island, '.chat-cpu-offer').id;
    const mounted = root.innerHTML;
    await island.chat.destroy();
    islands.splice(islands.indexOf(island), 1);
    const session = new ChatSession({ engine: new FakeChatEngine(), probe: async () => env });
    await session.checkCapability();
    const whole = createChatView(session, { id, reloadPage: () => undefined, nextSteps: nextStepsOf(root, offerId) });
    try {
      whole.flush();
      expect(mounted.startsWith(whole.element.outerHTML)).toBe(true);
    } finally {
      whole.destroy();
      root.remove();
    }
  });
});

describe('chatting', () => {
  test('Enter sends and the answer streams in token by token, then shows metrics', async () => {
    // The test lets each delta through and waits for the page to show it: the view draws at most
    // once per frame, so deltas that arrived close together would rightly be shown together.
    const gate = new StepGate();
    const deltas = ['你好', '！', '我是', '测试', '模型。'];
    const island = await mountIsland({ answers: [{ deltas, gate }] });
    await load(island);
    await ask(island, '你好');
    await expect.poll(() => prompt(island).value).toBe('');
    const question = await shown(() => one(island, '.chat-turn[data-role="user"]'));
    expect(question.textContent).toContain('你好');
    const shownAnswer = () => lastAnswer(island)?.querySelector('.chat-answer')?.textContent?.trim() ?? '';
    for (let i = 1; i <= deltas.length; i++) {
      await gate.release();
      await expect.poll(shownAnswer).toBe(deltas.slice(0, i).join(''));
    }
    const answer = await answered(island);
    expect(answer.dataset.state).toBe('done');
    const metrics = Object.fromEntries(
      [...answer.querySelectorAll('.chat-metrics div')].map((row) => [row.querySelector('dt')!.textContent, row.querySelector('dd')!.textContent]),
    );
    expect(Object.keys(metrics)).toEqual(['提示 token', '回答 token', '首个 token 用时', '预填充速度', '解码速度', '输出速度']);
    expect(metrics['回答 token']).toBe('5');
    expect(metrics['首个 token 用时']).toMatch(/^\d+\.\d+ 秒$/);
    expect(metrics['解码速度']).toMatch(/token\/秒$/);
    expect(metrics['输出速度']).toMatch(/^\d+(\.\d)? 字\/秒$/);
    expect(status(island)).toBe('回答完成。');
  });

  test('the status line announces start and end, never the tokens', async () => {
    const gate = new StepGate();
    const island = await mountIsland({ answers: [{ deltas: ['一二三', '四五六', '七八九'], gate }] });
    await load(island);
    const region = one(island, '[role="status"]');
    expect(region.getAttribute('aria-live')).toBe('polite');
    const announced: string[] = [];
    const observer = new MutationObserver(() => announced.push(region.textContent ?? ''));
    observer.observe(region, { childList: true, characterData: true, subtree: true });
    await ask(island, '数数');
    // The view draws at most once a frame: on a busy machine, tokens released at once could all
    // arrive, and the answer end, before the frame that would show the start.
    await expect.poll(() => status(island)).toBe('正在生成回答……');
    for (let i = 0; i < 3; i++) await gate.release();
    await expect.poll(() => lastAnswer(island)?.querySelector('.chat-answer')?.textContent?.trim()).toBe('一二三四五六七八九');
    await answered(island);
    await expect.poll(() => status(island)).toBe('回答完成。');
    observer.disconnect();
    expect(announced).toEqual(['正在生成回答……', '回答完成。']);
    // The answer itself is not a live region.
    expect(island.root.querySelector('.chat-transcript [aria-live]')).toBeNull();
  });

  test('停止 mid-answer: the answer keeps its text and is marked 已停止, with no error', async () => {
    const gate = new StepGate();
    const island = await mountIsland({ answers: [{ deltas: ['一', '二', '三', '四', '五', '六', '七', '八'], gate }] });
    await load(island);
    await ask(island, '数到八');
    await gate.release();
    await expect.poll(() => lastAnswer(island)?.querySelector('.chat-answer')?.textContent?.trim()).toBe('一');
    await userEvent.click(buttonNamed(island, '停止'));
    const answer = await answered(island);
    expect(answer.dataset.state).toBe('stopped');
    expect(answer.querySelector('.chat-turn-state')?.textContent).toBe('已停止');
    expect(answer.querySelector('.chat-answer')?.textContent?.trim()).toBe('一');
    expect(visible(one(island, '.chat-error'))).toBe(false);
    expect(status(island)).toBe('已停止。');
  });

  test('新对话 clears the transcript and the model’s memory', async () => {
    const island = await mountIsland();
    await load(island);
    await ask(island, '你好');
    await answered(island);
    await userEvent.click(buttonNamed(island, '新对话'));
    await expect.poll(() => island.root.querySelectorAll('.chat-turn').length).toBe(0);
    expect(visible(one(island, '.chat-empty'))).toBe(true);
    expect(island.engine.calls.map((c) => c.method)).toContain('resetChat');
  });

  test('hostile Markdown from the model is rendered inert', async () => {
    const hostile = [
      '看这里：<img src=x onerror="window.__chatPwned = 1">',
      '[点我](javascript:window.__chatPwned=1)',
      '<script>window.__chatPwned = 1</script>',
      '<svg onload="window.__chatPwned=1"></svg><iframe src="about:blank"></iframe><style>*{display:none}</style>',
      '<a href="data:text/html,<script>alert(1)</script>">数据链接</a>',
      '[正常链接](https://example.com)',
    ].join('\n\n');
    // Split mid-tag, as tokens would be.
    const deltas = hostile.match(/[\s\S]{1,7}/g)!;
    const island = await mountIsland({ answers: [{ deltas }] });
    await load(island);
    await ask(island, '说点危险的');
    const answer = await answered(island);
    await afterImageErrors();
    expect((window as { __chatPwned?: number }).__chatPwned).toBeUndefined();
    const body = answer.querySelector('.chat-answer')!;
    expect(body.querySelector('img, script, svg, iframe, style')).toBeNull();
    for (const element of body.querySelectorAll('*')) {
      for (const attribute of element.attributes) expect(attribute.name).not.toMatch(/^on|^style$|^src$/);
    }
    const links = [...body.querySelectorAll('a[href]')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.com']);
    expect(links[0]!.getAttribute('rel')).toBe('noopener noreferrer');
    expect(links[0]!.getAttribute('target')).toBe('_blank');
    expect(body.textContent).toContain('<img src=x onerror=');
  });

  test.each([
    // marked overflows the stack from about 3,000 in a frame callback, 5,000 at the top level.
    ['10,000 “>” in a row', Array.from({ length: 250 }, () => '>'.repeat(40)), '>'.repeat(40)],
    ['16 KB of “_a_a…”', Array.from({ length: 256 }, () => '_a'.repeat(32)), '_a_a_a_a'],
  ])('an answer of %s ends consistent: text shown, 停止 off, 发送 enabled, status right', async (_name, deltas, shown) => {
    const island = await mountIsland({ answers: [{ deltas: [...deltas, '\n\n答完了'] }] });
    await load(island);
    await ask(island, '输出很多符号');
    const answer = await answered(island);
    expect(answer.dataset.state).toBe('done');
    const body = answer.querySelector('.chat-answer')!.textContent!;
    expect(body).toContain(shown);
    expect(body).toContain('答完了');
    expect(buttonNamed(island, '停止').disabled).toBe(true);
    await userEvent.fill(prompt(island), '下一个问题');
    expect(buttonNamed(island, '发送').disabled).toBe(false);
    expect(status(island)).toBe('回答完成。');
  });

  test('Chinese and emoji split across deltas never show “�”', async () => {
    // How web-llm streams a character whose bytes span two tokens: a placeholder first, the whole
    // character in the next delta; an emoji may also arrive as two UTF-16 halves.
    const deltas = ['今天天气很', '\uFFFD', '好，适合', '\uD83D', '\uDE00', '出去玩', '\uFFFD\uFFFD', '。'];
    const gate = new StepGate();
    const island = await mountIsland({ answers: [{ deltas, gate }] });
    await load(island);
    await ask(island, '续写');
    const transcript = await shown(() => one(island, '.chat-transcript'));
    const glimpses: string[] = [];
    const observer = new MutationObserver(() => glimpses.push(transcript.textContent ?? ''));
    observer.observe(transcript, { childList: true, characterData: true, subtree: true });
    // Shown after each delta: a placeholder or half an emoji is held back until the next one.
    const expected = ['今天天气很', '今天天气很', '今天天气很好，适合', '今天天气很好，适合', '今天天气很好，适合😀', '今天天气很好，适合😀出去玩', '今天天气很好，适合😀出去玩', '今天天气很好，适合😀出去玩。'];
    const shownAnswer = () => lastAnswer(island)?.querySelector('.chat-answer')?.textContent?.trim() ?? '';
    for (const text of expected) {
      await gate.release();
      await expect.poll(shownAnswer).toBe(text);
    }
    const answer = await answered(island);
    observer.disconnect();
    expect(answer.querySelector('.chat-answer')?.textContent?.trim()).toBe('今天天气很好，适合😀出去玩。');
    // Every state in between was on screen (each waited for above), and none showed a broken character.
    expect(new Set(glimpses).size).toBeGreaterThanOrEqual(5);
    for (const text of glimpses) {
      expect(text).not.toContain('\uFFFD');
      expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
  });

  test('复制回答 copies the answer without the reasoning block', async () => {
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
    const island = await mountIsland({ answers: [{ deltas: ['<think>先想想</think>\n\n', '**答案**是 42。'] }] });
    await load(island);
    await ask(island, '问题');
    const answer = await answered(island);
    expect(answer.querySelector('.chat-thinking')?.textContent).toContain('先想想');
    await userEvent.click(buttonNamed(island, '复制回答'));
    await expect.poll(() => writeText.mock.calls).toEqual([['**答案**是 42。']]);
    await expect.poll(() => answer.querySelector('.chat-copy')?.textContent).toBe('已复制');
  });

  test('a preset fills the prompt box; the system prompt and sampling go with the request', async () => {
    const island = await mountIsland();
    await load(island);
    await userEvent.click(one(island, '.chat-settings summary'));
    await userEvent.fill(one(island, 'textarea[id$="-system"]'), '你是一名客服。');
    await userEvent.fill(one(island, 'input[id$="-seed"]'), '7');
    await userEvent.fill(one(island, 'input[id$="-temperature"]'), '5');
    await userEvent.click(one(island, '[data-preset="continuation"]'));
    await expect.poll(() => prompt(island).value).toBe('请仿照下面这句话的内容和结构，续写一句相似的话：今天天气很好，适合出去玩。');
    expect(document.activeElement).toBe(prompt(island));
    // Out of range is clamped to what web-llm accepts, and the field shows it.
    await expect.poll(() => one<HTMLInputElement>(island, 'input[id$="-temperature"]').value).toBe('2');
    await userEvent.keyboard('{Enter}');
    await answered(island);
    expect(streamChats(island)[0]).toMatchObject({
      request: {
        messages: [
          { role: 'system', content: '你是一名客服。' },
          { role: 'user', content: '请仿照下面这句话的内容和结构，续写一句相似的话：今天天气很好，适合出去玩。' },
        ],
        sampling: { temperature: 2, top_p: 0.8, max_tokens: 512, seed: 7 },
      },
    });
  });
});

describe('keyboard and input methods', () => {
  test('Enter during IME composition does not send (isComposing or keyCode 229)', async () => {
    const island = await mountIsland();
    await load(island);
    const box = prompt(island);
    box.focus();
    box.value = 'jintian';
    for (const init of [{ isComposing: true }, { keyCode: 229 }]) {
      const event = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true, ...init });
      box.dispatchEvent(event);
      // The IME needs this Enter to confirm its candidate: it must not be swallowed either.
      expect(event.defaultPrevented).toBe(false);
    }
    expect(box.value).toBe('jintian');
    // A plain Enter afterwards sends once, what the box holds then: had either Enter above sent
    // anything, that request would have come first.
    await userEvent.fill(box, '今天');
    await userEvent.keyboard('{Enter}');
    await answered(island);
    expect(streamChats(island).map((call) => call.method === 'streamChat' && call.request.messages.at(-1)?.content)).toEqual(['今天']);
  });

  test('Shift+Enter adds a new line; Enter then sends both lines', async () => {
    const island = await mountIsland();
    await load(island);
    const box = prompt(island);
    box.focus();
    await userEvent.keyboard('第一行');
    await userEvent.keyboard('{Shift>}{Enter}{/Shift}');
    await userEvent.keyboard('第二行');
    await expect.poll(() => box.value).toBe('第一行\n第二行');
    expect(streamChats(island)).toHaveLength(0);
    await userEvent.keyboard('{Enter}');
    await answered(island);
    expect(streamChats(island)[0]).toMatchObject({ request: { messages: [{ role: 'user', content: '第一行\n第二行' }] } });
  });

  test('every control has a name, and focus is visible', async () => {
    const island = await mountIsland();
    await load(island);
    await ask(island, '你好');
    await answered(island);
    for (const control of island.root.querySelectorAll<HTMLElement>('button, select, textarea, input')) {
      const labelled =
        (control instanceof HTMLButtonElement && control.textContent!.trim() !== '') ||
        ((control as HTMLInputElement).labels?.length ?? 0) > 0 ||
        control.hasAttribute('aria-label');
      expect(labelled, control.outerHTML).toBe(true);
    }
    prompt(island).focus();
    await userEvent.keyboard('{Shift>}{Tab}{/Shift}');
    const focused = document.activeElement as HTMLElement;
    expect(island.root.contains(focused)).toBe(true);
    expect(getComputedStyle(focused).outlineStyle).not.toBe('none');
  });
});

describe('small screens', () => {
  test('fits a 360 px wide phone without horizontal scrolling', async () => {
    await page.viewport(360, 740);
    try {
      const long = '这是一个很长的回答'.repeat(20) + ' https://example.com/' + 'a'.repeat(120);
      const island = await mountIsland({ answers: [{ deltas: [long, '\n\n```\n' + 'x'.repeat(200) + '\n```'] }] });
      await load(island);
      await ask(island, '你好');
      await answered(island);
      expect(document.documentElement.clientWidth).toBe(360);
      expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(360);
      expect(island.root.scrollWidth).toBeLessThanOrEqual(island.root.clientWidth);
    } finally {
      await page.viewport(1280, 800);
    }
  });
});
