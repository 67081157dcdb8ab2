/**
 * The real arena view (every panel, the real Markdown renderer, real clicks and keys) in real
 * Chromium, with two scripted FakeChatEngines of different speeds behind it instead of web-llm.
 */
import '../../src/styles/global.css';
import '../../src/playground/ui/island.css';
import '../../src/playground/downloads/view/models.css';
import '../../src/playground/arena/view/arena.css';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { EnvironmentDescription } from '../../src/playground/gpu/capability';
import { mountArena, type MountedArena } from '../../src/playground/arena/mount';
import { VOTES_STORAGE_KEY } from '../../src/playground/arena/votes';
import type { PageUrl } from '../../src/playground/share/view/share-link';
import { afterImageErrors, buttonNamed as namedButton, one as first, visible } from '../fixtures/dom';
import { SWIFTSHADER } from '../fixtures/environments';
import { FakeChatEngine, StepGate, type FakeChatEngineOptions } from '../fixtures/fake-engine';
import { currentModelSource, SOURCE_STORAGE_KEY } from '../../src/playground/sources/source-store';
import type { ModelFamily } from '../../src/lib/model-families';

const GPU = SWIFTSHADER;

const QWEN = 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC';
const LLAMA = 'Llama-3.2-1B-Instruct-q4f32_1-MLC';
const QWEN_NAME = 'Qwen2.5 0.5B Instruct · q4f32_1';
const LLAMA_NAME = 'Llama 3.2 1B Instruct · q4f32_1';

const QWEN_ANSWER = ['你好', '，这是', '千问', '的回答。'];
const LLAMA_ANSWER = ['Hello', ', this', ' is', ' the', ' other', ' answer.'];
/** Qwen answers at once; Llama thinks first and writes slowly. */
const SPEEDS: Record<ModelFamily, FakeChatEngineOptions> = {
  qwen: { answers: [{ deltas: QWEN_ANSWER, deltaDelayMs: 10 }] },
  llama: { answers: [{ deltas: LLAMA_ANSWER, firstDeltaDelayMs: 150, deltaDelayMs: 120 }] },
};

interface Island {
  root: HTMLElement;
  mounted: MountedArena;
  engines: Partial<Record<ModelFamily, FakeChatEngine>>;
  created: ModelFamily[];
  replaced: string[];
}

const islands: Island[] = [];

beforeEach(() => localStorage.removeItem(VOTES_STORAGE_KEY));

afterEach(async () => {
  vi.useRealTimers();
  for (const island of islands.splice(0)) {
    await island.mounted.destroy();
    island.root.remove();
  }
  localStorage.removeItem(VOTES_STORAGE_KEY);
  localStorage.removeItem(SOURCE_STORAGE_KEY);
  vi.restoreAllMocks();
});

interface MountOptions {
  scripts?: Partial<Record<ModelFamily, FakeChatEngineOptions>>;
  env?: EnvironmentDescription;
  random?: () => number;
  /** The arena page (the address bar is the share link) instead of the article. */
  syncUrl?: boolean;
  href?: string;
}

async function mountIsland(options: MountOptions = {}): Promise<Island> {
  const root = document.createElement('div');
  root.dataset.syncUrl = String(options.syncUrl ?? false);
  root.dataset.shareHref = '/playground/arena/';
  document.body.append(root);
  let href = options.href ?? 'http://127.0.0.1:4400/';
  const island: Island = { root, engines: {}, created: [], replaced: [], mounted: null as unknown as MountedArena };
  const url: PageUrl = {
    current: () => href,
    replace: (next) => {
      href = next;
      island.replaced.push(next);
    },
  };
  island.mounted = await mountArena(root, {
    engineFactory: (family) => {
      island.created.push(family);
      const engine = new FakeChatEngine(options.scripts?.[family] ?? SPEEDS[family]);
      island.engines[family] = engine;
      return engine;
    },
    probe: async () => options.env ?? GPU,
    random: options.random ?? (() => 0.9),
    url,
  });
  islands.push(island);
  return island;
}

const one = <T extends Element = HTMLElement>(island: Island, selector: string) => first<T>(island.root, selector);
const buttonNamed = (island: Island, name: string | RegExp) => namedButton(island.root, name);
const side = (island: Island, position: 'A' | 'B') =>
  island.root.querySelectorAll<HTMLElement>('.arena-columns > .arena-side')[position === 'A' ? 0 : 1]!;
const title = (island: Island, position: 'A' | 'B') => side(island, position).querySelector('.arena-side-title')!.textContent;
const status = (island: Island, position: 'A' | 'B') => side(island, position).querySelector('[role="status"]')!.textContent;
const answer = (island: Island, position: 'A' | 'B') => side(island, position).querySelector<HTMLElement>('.arena-answer')!;
/** The answer as a reader sees it (Markdown adds a trailing line break). */
const answerText = (island: Island, position: 'A' | 'B') => answer(island, position).textContent!.trim();
const prompt = (island: Island) => one<HTMLTextAreaElement>(island, 'textarea.arena-prompt');
/** On screen: not hidden, and not only there for screen readers. */
const onScreen = (element: Element) => visible(element) && element.closest('.visually-hidden') === null;
/** How many elements on screen say `text` (innermost ones only). */
const timesShown = (island: Island, text: string) =>
  [...island.root.querySelectorAll('p')].filter((p) => onScreen(p) && p.textContent!.includes(text)).length;
const chats = (engine: FakeChatEngine | undefined) => (engine?.calls ?? []).filter((call) => call.method === 'streamChat');

async function ask(island: Island, text: string): Promise<void> {
  await userEvent.fill(prompt(island), text);
  await userEvent.click(buttonNamed(island, '开始对比'));
}

async function finished(island: Island): Promise<void> {
  // Each side's run in the report too: a round that never ends then says which side held it.
  const round = () => {
    const { running, runs } = island.mounted.arena.getState();
    return { running, runs };
  };
  await expect.poll(round, { timeout: 5000 }).toMatchObject({ running: false });
  island.mounted.flush();
}

async function openSettings(island: Island): Promise<void> {
  await userEvent.click(one(island, '.chat-settings summary'));
}

describe('before anything is loaded', () => {
  test('suggests a size-matched pair, shows the combined estimate, VRAM and how it will run; creates no engine', async () => {
    const island = await mountIsland();
    expect(one<HTMLSelectElement>(island, 'select[id$="-qwen"]').value).toBe(QWEN);
    expect(one<HTMLSelectElement>(island, 'select[id$="-llama"]').value).toBe(LLAMA);
    expect(one<HTMLSelectElement>(island, 'select[id$="-pair"]').selectedOptions[0]!.textContent).toMatch(/Qwen2\.5-0\.5B 对 Llama-3\.2-1B/);
    await expect.poll(() => one(island, '.download-plan-summary').textContent).toMatch(/^需要下载约 [\d.]+ GB（估计值）/);
    expect(one(island, '.arena-plan-vram').textContent).toBe('两个模型合计需要显存约 2.2 GB。');
    expect(one(island, '.arena-plan-mode').textContent).toMatch(/同时加载.*不超过 4 GB，可以同时加载、同时生成/);
    expect(visible(buttonNamed(island, '加载'))).toBe(true);

    // A 3B pair needs more than 4 GB together: one after the other, no preloading.
    await userEvent.selectOptions(one<HTMLSelectElement>(island, 'select[id$="-pair"]'), '约 3B：Qwen2.5-3B 对 Llama-3.2-3B');
    await expect.poll(() => one(island, '.arena-plan-mode').textContent).toMatch(/依次加载.*超过 4 GB 的稳妥上限，因此轮流加载/);
    expect(visible(buttonNamed(island, '加载'))).toBe(false);
    expect(island.created).toEqual([]);
  });

  test('without WebGPU: the capability message, no picker, no form', async () => {
    const island = await mountIsland({ env: { isSecureContext: true, hasNavigatorGpu: false, adapter: null } });
    const message = one(island, '.chat-capability');
    expect(message.dataset.ok).toBe('false');
    expect(message.textContent).toMatch(/没有提供 WebGPU/);
    expect(visible(one(island, '.chat-picker'))).toBe(false);
    expect(visible(prompt(island))).toBe(false);
    expect(island.created).toEqual([]);
  });
});

describe('a round', () => {
  test('both answers stream side by side, each with its own figures and language verdict', async () => {
    // Llama writes only as fast as the test lets it; its reported first-token time is its own.
    const llama = new StepGate();
    const island = await mountIsland({
      scripts: { qwen: SPEEDS.qwen, llama: { answers: [{ deltas: LLAMA_ANSWER, gate: llama, usage: { timeToFirstTokenSeconds: 0.8 } }] } },
    });
    await ask(island, '请用一句话打个招呼。');
    await expect.poll(() => island.created.sort()).toEqual(['llama', 'qwen']);

    // Qwen is done while Llama is still writing: both panes show their own progress.
    await expect.poll(() => status(island, 'A')).toBe('模型 A：回答完成。');
    await llama.release();
    await expect.poll(() => answer(island, 'B').getAttribute('aria-busy')).toBe('true');
    await expect.poll(() => answerText(island, 'B')).toBe('Hello');
    expect(status(island, 'B')).toBe('模型 B：正在生成回答……');
    llama.open();
    await finished(island);

    expect(title(island, 'A')).toBe(`模型 A：${QWEN_NAME}`);
    expect(title(island, 'B')).toBe(`模型 B：${LLAMA_NAME}`);
    expect(answerText(island, 'A')).toBe(QWEN_ANSWER.join(''));
    expect(answerText(island, 'B')).toBe(LLAMA_ANSWER.join(''));
    expect(status(island, 'B')).toBe('模型 B：回答完成。');
    for (const position of ['A', 'B'] as const) {
      const terms = [...side(island, position).querySelectorAll('.arena-metrics dt')].map((dt) => dt.textContent);
      expect(terms).toEqual(['首个 token 用时', '预填充速度', '解码速度', 'token 数', '字数', '每秒字数']);
    }
    const figures = (position: 'A' | 'B') =>
      Object.fromEntries([...side(island, position).querySelectorAll('.arena-metrics div')].map((row) => [row.firstChild!.textContent, row.lastChild!.textContent]));
    expect(figures('A')['字数']).toBe('11');
    expect(figures('A')['token 数']).toBe('提示 5 · 回答 4');
    expect(figures('B')['首个 token 用时']).toBe('0.80 秒');
    expect(figures('B')['解码速度']).toMatch(/ token\/秒$/);
    expect(one(island, '.arena-columns').querySelectorAll('.arena-language')[0]!.textContent).toBe('回答语言与提问一致（中文）。');
    const verdictB = side(island, 'B').querySelector<HTMLElement>('.arena-language')!;
    expect(verdictB.textContent).toBe('应使用中文回答，实际回答却是英文。');
    expect(verdictB.dataset.matches).toBe('false');
    expect(one(island, '.arena-round-line').textContent).toMatch(/temperature 0\.65 · top_p 0\.85 · 最多 512 token · 随机种子 \d+/);
  });

  test('one side failing to load (out of memory) leaves the other to answer; the failure says what happened and what to do', async () => {
    const island = await mountIsland({
      scripts: { qwen: SPEEDS.qwen, llama: { loads: [{ failWith: 'RangeError: Array buffer allocation failed', failAfterSteps: 2 }] } },
    });
    await ask(island, '你好');
    await finished(island);

    expect(answerText(island, 'A')).toBe(QWEN_ANSWER.join(''));
    expect(visible(side(island, 'A').querySelector('.chat-error')!)).toBe(false);
    const error = side(island, 'B').querySelector<HTMLElement>('.chat-error')!;
    expect(visible(error)).toBe(true);
    expect(error.dataset.kind).toBe('out-of-memory');
    expect(error.querySelector('.chat-error-message')!.textContent).toBe('内存不够，模型没能装下：请关闭其他标签页，或换一个更小的模型。');
    expect(error.querySelector<HTMLButtonElement>('button[data-action="smaller-model"]')!.textContent).toBe('换一个更小的模型');
    // Said once on screen (the error panel); the status line only reads it out.
    expect(status(island, 'B')).toBe('模型 B：内存不够，模型没能装下：请关闭其他标签页，或换一个更小的模型。');
    expect(timesShown(island, '内存不够')).toBe(1);
    expect(visible(one(island, '.arena-shared-error'))).toBe(false);
    // Not a download problem: no other download source is suggested.
    expect(visible(error.querySelector('a.chat-error-link')!)).toBe(false);
    expect(chats(island.engines.llama)).toEqual([]);

    // The smallest Llama that fits is already chosen: the Llama side stays a Llama side.
    await userEvent.click(error.querySelector('button[data-action="smaller-model"]')!);
    await expect.poll(() => status(island, 'B')).toMatch(/已经是这台设备上能选的最小模型/);
    expect(one<HTMLSelectElement>(island, 'select[id$="-llama"]').value).toBe(LLAMA);

    // The working side keeps working.
    await ask(island, '再说一遍');
    await finished(island);
    expect(chats(island.engines.qwen)).toHaveLength(2);
  });

  /** A model host that this network cannot reach; hf-mirror.com answers. */
  const blockedHost: FakeChatEngineOptions = {
    loads: () =>
      currentModelSource().id === 'hf-mirror'
        ? {}
        : { failWith: 'ModelFileError: unreachable https://huggingface.co/mlc-ai/Q/resolve/main/mlc-chat-config.json (TypeError: Failed to fetch)' },
  };

  test('both sides failing on an unreachable host: one message and one 改用 hf-mirror.com 镜像并重试 for both, which runs the round from the mirror', async () => {
    const island = await mountIsland({ scripts: { qwen: { ...SPEEDS.qwen, ...blockedHost }, llama: { ...SPEEDS.llama, ...blockedHost } } });
    await ask(island, '你好');
    await finished(island);

    const shared = one(island, '.arena-shared-error');
    expect(visible(shared)).toBe(true);
    expect(shared.querySelector('.chat-error-message')!.textContent).toMatch(/^连不上模型下载源/);
    expect(timesShown(island, '连不上模型下载源')).toBe(1);
    expect(shared.querySelector('.chat-error-details')!.textContent).toContain('huggingface.co');
    for (const position of ['A', 'B'] as const) {
      expect(visible(side(island, position).querySelector('.chat-error')!)).toBe(false);
      expect(status(island, position)).toBe(`模型 ${position}：没有加载成功，原因和办法见上方。`);
    }
    const picker = shared.querySelector<HTMLAnchorElement>('a.chat-error-link')!;
    expect(new URL(picker.href).pathname + new URL(picker.href).hash).toBe('/playground/models/#download-source');

    // The round's 全部停止 had the keyboard focus; the remedy takes it over.
    const mirror = buttonNamed(island, '改用 hf-mirror.com 镜像并重试');
    expect(document.activeElement).toBe(mirror);
    await userEvent.click(mirror);
    await expect.poll(() => answerText(island, 'B'), { timeout: 5000 }).toBe(LLAMA_ANSWER.join(''));
    await finished(island);
    expect(answerText(island, 'A')).toBe(QWEN_ANSWER.join(''));
    expect(visible(shared)).toBe(false);
    expect(localStorage.getItem(SOURCE_STORAGE_KEY)).toBe('hf-mirror');
    expect(chats(island.engines.qwen)).toHaveLength(1);
    expect(chats(island.engines.llama)).toHaveLength(1);
  });

  test('one side failing on an unreachable host: its pane says it once and offers the mirror for that side', async () => {
    const island = await mountIsland({ scripts: { qwen: SPEEDS.qwen, llama: { ...SPEEDS.llama, ...blockedHost } } });
    await ask(island, '你好');
    await finished(island);
    expect(visible(one(island, '.arena-shared-error'))).toBe(false);
    const error = side(island, 'B').querySelector<HTMLElement>('.chat-error')!;
    expect(visible(error)).toBe(true);
    expect(timesShown(island, '连不上模型下载源')).toBe(1);

    const mirror = [...error.querySelectorAll('button')].find((b) => b.textContent === '改用 hf-mirror.com 镜像并重试')!;
    await userEvent.click(mirror);
    await expect.poll(() => status(island, 'B')).toBe('模型 B：已加载。');
    expect(localStorage.getItem(SOURCE_STORAGE_KEY)).toBe('hf-mirror');
    expect(visible(error)).toBe(false);
  });

  test('a side whose model library was cached as junk offers to delete its files; that deletes and loads it again', async () => {
    const junk = 'CompileError: WebAssembly.instantiate(): expected magic word 00 61 73 6d, found 3c 21 44 4f @+0';
    const island = await mountIsland({ scripts: { qwen: SPEEDS.qwen, llama: { loads: [{ failWith: junk }, {}] } } });
    await ask(island, '你好');
    await finished(island);
    const error = side(island, 'B').querySelector<HTMLElement>('.chat-error')!;
    expect(visible(error)).toBe(true);
    expect(error.dataset.kind).toBe('corrupt-model-library');
    const repair = error.querySelector<HTMLButtonElement>('button[data-action="delete-and-reload"]')!;
    expect(repair.textContent).toBe('删除这个模型已下载的文件并重新下载');
    await userEvent.click(repair);
    await expect.poll(() => status(island, 'B')).toBe('模型 B：已加载。');
    const calls = island.engines.llama!.calls.filter((c) => c.method === 'load' || c.method === 'deleteCached');
    expect(calls.map((c) => c.method)).toEqual(['load', 'deleteCached', 'load']);
    expect(calls[1]).toMatchObject({ modelId: LLAMA });
    expect(visible(error)).toBe(false);
  });

  test('stopping one side ends only that answer', async () => {
    const deltas = Array.from({ length: 30 }, (_, i) => `第${i}句。`);
    const gate = new StepGate();
    const island = await mountIsland({ scripts: { qwen: { answers: [{ deltas }] }, llama: { answers: [{ deltas, gate }] } } });
    await ask(island, '写一段长一点的话。');
    await gate.release();
    await gate.release();
    await expect.poll(() => answerText(island, 'B')).toBe('第0句。第1句。');
    await userEvent.click(buttonNamed(island, '停止模型 B'));
    await finished(island);
    expect(status(island, 'B')).toBe('模型 B：已停止。');
    expect(status(island, 'A')).toBe('模型 A：回答完成。');
    expect(answerText(island, 'A')).toBe(deltas.join(''));
    expect(answerText(island, 'B')).toBe('第0句。第1句。');
    expect(island.engines.qwen!.calls.some((call) => call.method === 'stop')).toBe(false);
  });

  test('hostile Markdown in an answer is shown as text and stays inert', async () => {
    const hostile = [
      '<img src=x onerror="window.__arenaPwned=1">\n\n',
      '[点我](javascript:window.__arenaPwned=2) ',
      '<script>window.__arenaPwned=3</script>\n\n',
      '![pixel](https://tracker.example/p.png)\n\n',
      '<form action="https://evil.example"><input name=password></form>',
    ];
    const island = await mountIsland({ scripts: { qwen: { answers: [{ deltas: hostile }] }, llama: SPEEDS.llama } });
    await ask(island, '你好');
    await finished(island);
    const box = answer(island, 'A');
    expect(box.querySelectorAll('img, script, form, input, iframe')).toHaveLength(0);
    expect(box.querySelector('a')?.hasAttribute('href')).toBe(false);
    expect(box.textContent).toContain('<img src=x onerror=');
    await afterImageErrors();
    expect((window as { __arenaPwned?: number }).__arenaPwned).toBeUndefined();
  });
});

describe('blind mode and votes', () => {
  test('hides which model is which until the vote, then reveals; the tally survives a re-mount and can be cleared', async () => {
    // random: seed, then side A = Llama.
    const island = await mountIsland({ random: () => 0.2 });
    await userEvent.click(one(island, '.arena-setup input[type="checkbox"]'));
    await ask(island, '你好');
    await finished(island);

    expect([title(island, 'A'), title(island, 'B')]).toEqual(['模型 A', '模型 B']);
    const columns = one(island, '.arena-columns').textContent!;
    expect(columns).not.toMatch(/Qwen|Llama/);
    expect(answerText(island, 'A')).toBe(LLAMA_ANSWER.join(''));
    expect(visible(one(island, '.arena-export'))).toBe(false);
    expect(document.activeElement?.textContent).toBe('A 更好');

    await userEvent.click(buttonNamed(island, 'A 更好'));
    await expect.poll(() => title(island, 'A')).toBe(`模型 A：${LLAMA_NAME}`);
    expect(title(island, 'B')).toBe(`模型 B：${QWEN_NAME}`);
    expect(one(island, '.arena-vote-outcome').textContent).toBe(
      `你的选择：A 更好。揭晓：模型 A 是 ${LLAMA_NAME}，模型 B 是 ${QWEN_NAME}。`,
    );
    const row = () => [...island.root.querySelectorAll('.arena-tally tbody tr')].map((tr) => [...tr.children].map((cell) => cell.textContent));
    await expect.poll(row).toEqual([[`${QWEN_NAME} 对 ${LLAMA_NAME}`, '0', '1', '0', '0', '1']]);
    expect(visible(one(island, '.arena-export'))).toBe(true);

    await island.mounted.destroy();
    islands.splice(islands.indexOf(island), 1);
    const again = await mountIsland();
    expect([...again.root.querySelectorAll('.arena-tally tbody tr')].map((tr) => [...tr.children].map((cell) => cell.textContent))).toEqual([
      [`${QWEN_NAME} 对 ${LLAMA_NAME}`, '0', '1', '0', '0', '1'],
    ]);

    await userEvent.click(buttonNamed(again, '清除历史'));
    expect(localStorage.getItem(VOTES_STORAGE_KEY)).not.toBeNull();
    await userEvent.click(buttonNamed(again, '确认清除全部投票记录'));
    await expect.poll(() => visible(one(again, '.arena-history-empty'))).toBe(true);
    expect(localStorage.getItem(VOTES_STORAGE_KEY)).toBeNull();
    expect(buttonNamed(again, '清除历史').disabled).toBe(true);
  });

  test('corrupted vote history falls back to an empty one and voting still works', async () => {
    localStorage.setItem(VOTES_STORAGE_KEY, '{oops');
    const island = await mountIsland();
    expect(visible(one(island, '.arena-history-empty'))).toBe(true);
    expect(island.root.querySelectorAll('.arena-tally tbody tr')).toHaveLength(0);

    await userEvent.click(one(island, '.arena-setup input[type="checkbox"]'));
    await ask(island, '你好');
    await finished(island);
    await userEvent.click(buttonNamed(island, '都不好'));
    await expect.poll(() => island.root.querySelectorAll('.arena-tally tbody tr').length).toBe(1);
    const stored: unknown = JSON.parse(localStorage.getItem(VOTES_STORAGE_KEY)!);
    expect(stored).toMatchObject([{ verdict: 'both-bad', models: { qwen: QWEN, llama: LLAMA }, prompt: '你好' }]);
  });
});

describe('export and sharing', () => {
  test('Markdown and JSON carry the prompt, settings, both answers, figures, model ids, web-llm version and GPU', async () => {
    const island = await mountIsland();
    await openSettings(island);
    await userEvent.fill(one(island, 'input[id$="-seed"]'), '42');
    await userEvent.fill(one(island, 'textarea[id$="-system"]'), '回答要简短。');
    await userEvent.click(prompt(island));
    await ask(island, '用一句话介绍长城。');
    await finished(island);

    const blobs: Blob[] = [];
    const createObjectURL = URL.createObjectURL.bind(URL);
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return createObjectURL(blob as Blob);
    });
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    await userEvent.click(buttonNamed(island, '下载 Markdown'));
    await userEvent.click(buttonNamed(island, '下载 JSON'));
    await expect.poll(() => clicked.mock.calls.length).toBe(2);
    await expect.poll(() => one(island, '.arena-export [role="status"]').textContent).toMatch(/^已开始下载 qwen-llama-arena-.+\.json。$/);

    const markdown = await blobs[0]!.text();
    for (const part of [
      '用一句话介绍长城。',
      '回答要简短。',
      'temperature 0.65，top_p 0.85，max_tokens 512，seed 42',
      QWEN_ANSWER.join(''),
      LLAMA_ANSWER.join(''),
      `Qwen：${QWEN}`,
      `Llama：${LLAMA}`,
      '- web-llm 版本：0.2.86',
      '- GPU 适配器：google / swiftshader / SwiftShader test adapter',
      '首 token 时间',
      '解码速度',
      '应使用中文回答，实际回答却是英文。',
    ]) {
      expect(markdown).toContain(part);
    }

    const json = JSON.parse(await blobs[1]!.text());
    expect(json).toMatchObject({
      prompt: '用一句话介绍长城。',
      system: '回答要简短。',
      sampling: { temperature: 0.65, top_p: 0.85, max_tokens: 512, seed: 42 },
      environment: { webLlmVersion: '0.2.86', gpuAdapter: 'google / swiftshader / SwiftShader test adapter' },
      sides: [
        { family: 'qwen', modelId: QWEN, text: QWEN_ANSWER.join(''), finishReason: 'stop', language: { matches: true } },
        { family: 'llama', modelId: LLAMA, text: LLAMA_ANSWER.join(''), finishReason: 'stop', language: { matches: false } },
      ],
    });
    expect(json.sides[1].metrics.decodeTokensPerSecond).toBeGreaterThan(0);
    expect(json.sides[0].metrics.characters).toBe(11);

    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
    await userEvent.click(buttonNamed(island, '复制 JSON'));
    await expect.poll(() => one(island, '.arena-export [role="status"]').textContent).toBe('已复制 JSON。');
    expect(JSON.parse(writeText.mock.calls[0]![0])).toEqual(json);
  });

  test('a shared link round-trips the form and does not start anything', async () => {
    const page = await mountIsland({ syncUrl: true, href: 'http://127.0.0.1:4400/playground/arena/' });
    await userEvent.selectOptions(one<HTMLSelectElement>(page, 'select[id$="-pair"]'), '约 3B：Qwen2.5-3B 对 Llama-3.2-3B');
    await userEvent.click(one(page, '.arena-setup input[type="checkbox"]'));
    await openSettings(page);
    await userEvent.fill(one(page, 'input[id$="-temperature"]'), '0.3');
    await userEvent.fill(one(page, 'input[id$="-seed"]'), '7');
    await userEvent.fill(one(page, 'textarea[id$="-system"]'), '你是客服。');
    await userEvent.fill(prompt(page), '耳机连不上蓝牙 & <b>怎么办</b>？');
    await expect.poll(() => page.replaced.at(-1) ?? '').toMatch(/prompt=/);
    const link = new URL(page.replaced.at(-1)!);
    expect(link.pathname).toBe('/playground/arena/');
    expect(link.searchParams.get('temperature')).toBe('0.3');
    expect(page.created).toEqual([]);

    // Whatever opening the link schedules runs on a clock the test advances.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const opened = await mountIsland({ syncUrl: true, href: link.href });
    expect(prompt(opened).value).toBe('耳机连不上蓝牙 & <b>怎么办</b>？');
    expect(one<HTMLSelectElement>(opened, 'select[id$="-qwen"]').value).toBe('Qwen2.5-3B-Instruct-q4f32_1-MLC');
    expect(one<HTMLSelectElement>(opened, 'select[id$="-llama"]').value).toBe('Llama-3.2-3B-Instruct-q4f32_1-MLC');
    expect(one<HTMLInputElement>(opened, '.arena-setup input[type="checkbox"]').checked).toBe(true);
    expect(one<HTMLInputElement>(opened, 'input[id$="-temperature"]').value).toBe('0.3');
    expect(one<HTMLInputElement>(opened, 'input[id$="-seed"]').value).toBe('7');
    expect(one<HTMLTextAreaElement>(opened, 'textarea[id$="-system"]').value).toBe('你是客服。');
    expect(buttonNamed(opened, '开始对比').disabled).toBe(false);
    opened.mounted.flush();
    vi.runAllTimers();
    vi.useRealTimers();
    opened.mounted.flush();
    expect(opened.created).toEqual([]);
    expect(opened.mounted.arena.getState().round).toBeNull();
    expect(status(opened, 'A')).toBe('模型 A：尚未加载。');
    // The address stays the link it was opened with.
    expect(opened.replaced.every((href) => href === link.href)).toBe(true);
  });

  test('a prompt too long for a link (2,000 Chinese characters, 18 KB encoded) stays out of the address, and the page says so', async () => {
    const page = await mountIsland({ syncUrl: true, href: 'http://127.0.0.1:4400/playground/arena/?fbclid=abc' });
    page.mounted.flush();
    expect(page.replaced).toEqual([]);
    await userEvent.fill(prompt(page), '短的提示词');
    await expect.poll(() => page.replaced.at(-1) ?? '').toMatch(/prompt=/);
    await userEvent.fill(prompt(page), '请'.repeat(2000));
    await expect.poll(() => one(page, '.arena-share').textContent).toMatch(/提示词太长，放不进链接.*链接里不含提示词/);
    await expect.poll(() => new URL(page.replaced.at(-1)!).searchParams.has('prompt')).toBe(false);
    const address = new URL(page.replaced.at(-1)!);
    expect(new TextEncoder().encode(address.search).byteLength).toBeLessThanOrEqual(2000);
    expect(address.searchParams.get('fbclid')).toBe('abc');
  });

  test('in the article the address is left alone and a link opens the arena page with the form', async () => {
    const article = await mountIsland({ href: 'http://127.0.0.1:4400/#section-6' });
    // Whatever typing schedules runs on a clock the test advances.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    await userEvent.fill(prompt(article), 'Hello');
    const shared = () => new URL(one<HTMLAnchorElement>(article, 'a.arena-share-link').href);
    await expect
      .poll(() => {
        article.mounted.flush();
        return shared().searchParams.get('prompt');
      })
      .toBe('Hello');
    vi.runAllTimers();
    vi.useRealTimers();
    expect(article.replaced).toEqual([]);
    const link = shared();
    expect(link.pathname).toBe('/playground/arena/');
    expect(link.searchParams.get('prompt')).toBe('Hello');
    expect(link.searchParams.get('qwen')).toBe(QWEN);
  });
});
