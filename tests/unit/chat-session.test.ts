import { describe, expect, test } from 'vitest';
import type { EnvironmentDescription } from '../../src/playground/gpu/capability';
import { CAPABILITY_MESSAGES } from '../../src/playground/gpu/capability';
import {
  ChatSession,
  conversationHistory,
  NOTICES,
  type ChatState,
  type ChatTurn,
} from '../../src/playground/session/chat-session';
import { statusText } from '../../src/playground/chat/status-text';
import { NO_F16_GPU } from '../fixtures/environments';
import { FakeChatEngine, StepGate, type FakeChatEngineOptions } from '../fixtures/fake-engine';

const F16_GPU: EnvironmentDescription = {
  ...NO_F16_GPU,
  adapter: { ...NO_F16_GPU.adapter!, features: ['shader-f16'] },
};

const SMALLEST_QWEN_F32 = 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC';

function setup(engineOptions: FakeChatEngineOptions = {}, env: EnvironmentDescription = NO_F16_GPU) {
  const engine = new FakeChatEngine(engineOptions);
  let clock = 0;
  const session = new ChatSession({ engine, probe: async () => env, now: () => (clock += 10) });
  const states: ChatState[] = [];
  session.subscribe((state) => states.push(state));
  return { engine, session, states };
}

async function ready(engineOptions: FakeChatEngineOptions = {}) {
  const context = setup(engineOptions);
  await context.session.load();
  expect(context.session.getState().status).toBe('ready');
  return context;
}

const lastTurn = (session: ChatSession): ChatTurn => session.getState().turns.at(-1)!;
const methods = (engine: FakeChatEngine) => engine.calls.map((call) => call.method);

/** Resolves once the session reaches a state matching `predicate`. */
function until(session: ChatSession, predicate: (state: ChatState) => boolean): Promise<ChatState> {
  return new Promise((resolve) => {
    if (predicate(session.getState())) return resolve(session.getState());
    const stop = session.subscribe((state) => {
      if (!predicate(state)) return;
      stop();
      resolve(state);
    });
  });
}

describe('capability check and model choice', () => {
  test('picks the smallest runnable Qwen build without touching the engine', async () => {
    const { session, engine } = setup();
    expect(session.getState().status).toBe('checking');
    await session.checkCapability();
    const state = session.getState();
    expect(state.status).toBe('idle');
    expect(state.capability?.ok).toBe(true);
    expect(state.selectedModelId).toBe(SMALLEST_QWEN_F32);
    // Any engine call would start the worker (and the web-llm download) before 加载.
    expect(engine.calls).toEqual([]);
  });

  test('with shader-f16 the default is the f16 build', async () => {
    const { session } = setup({}, F16_GPU);
    await session.checkCapability();
    expect(session.getState().selectedModelId).toBe('Qwen2.5-0.5B-Instruct-q4f16_1-MLC');
  });

  test('sampling defaults follow the selected model', async () => {
    const { session } = setup();
    await session.checkCapability();
    expect(session.getState().settings).toMatchObject({ temperature: 0.7, topP: 0.8 });
    session.selectModel('Llama-3.2-1B-Instruct-q4f32_1-MLC');
    expect(session.getState().settings).toMatchObject({ temperature: 0.6, topP: 0.9 });
  });

  test.each([
    ['no WebGPU', { isSecureContext: true, hasNavigatorGpu: false, adapter: null }, 'no-webgpu'],
    ['no adapter', { isSecureContext: true, hasNavigatorGpu: true, adapter: null }, 'no-adapter'],
    ['insecure page', { isSecureContext: false, hasNavigatorGpu: false, adapter: null }, 'insecure-context'],
    [
      'tiny buffers',
      { ...NO_F16_GPU, adapter: { features: [], limits: { maxBufferSize: 64 * 2 ** 20, maxStorageBufferBindingSize: 64 * 2 ** 20 } } },
      'limits-too-small',
    ],
  ] as const)('%s: unsupported with its message, and 加载 does nothing', async (_name, env, reason) => {
    const { session, engine } = setup({}, env as EnvironmentDescription);
    await session.load();
    const state = session.getState();
    expect(state.status).toBe('unsupported');
    expect(state.capability?.reason).toBe(reason);
    expect(statusText(state)).toBe(CAPABILITY_MESSAGES[reason]);
    expect(engine.calls).toEqual([]);
  });
});

describe('loading', () => {
  test('load reports progress, then ready with the model loaded and cached', async () => {
    const { session, engine, states } = setup();
    await session.load();
    expect(methods(engine)[0]).toBe('load');
    const phases = states.filter((s) => s.status === 'loading' && s.progress !== null).map((s) => s.progress!.phase);
    expect(phases).toEqual(['other', 'download', 'download', 'cache', 'compile', 'other']);
    const state = session.getState();
    expect(state).toMatchObject({ status: 'ready', loadedModelId: SMALLEST_QWEN_F32, progress: null, error: null });
    expect(state.cachedModelIds.has(SMALLEST_QWEN_F32)).toBe(true);
  });

  test('after the engine exists, the cache badges come from engine.isCached', async () => {
    const { session, engine } = setup({ cached: ['Llama-3.2-1B-Instruct-q4f32_1-MLC'] });
    await session.load();
    await until(session, (s) => s.cachedModelIds.has('Llama-3.2-1B-Instruct-q4f32_1-MLC'));
    expect(methods(engine)).toContain('isCached');
  });

  test('cancel returns to idle at once, unloads, and ignores the late end of the load', async () => {
    const gate = new StepGate();
    const { session, engine } = setup({ loads: [{ gate }] });
    await session.checkCapability();
    const loading = session.load();
    await gate.release();
    await until(session, (s) => s.progress !== null);
    // Cancelling lets the rest of the fake load run on: its late end must change nothing.
    session.cancelLoad();
    expect(session.getState()).toMatchObject({ status: 'idle', notice: NOTICES.cancelled, progress: null });
    expect(methods(engine)).toContain('unload');
    await loading;
    expect(session.getState().status).toBe('idle');
    expect(session.getState().loadedModelId).toBeNull();
  });

  test('a failed load shows the mapped error; 重试 really loads again and succeeds', async () => {
    const { session, engine } = setup({ loads: [{ failWith: 'TypeError: Failed to fetch', failAfterSteps: 1 }, {}] });
    await session.load();
    expect(session.getState()).toMatchObject({
      status: 'error',
      error: { kind: 'network', action: 'retry', during: 'load', modelId: SMALLEST_QWEN_F32 },
    });
    expect(session.getState().error?.message).toMatch(/网络/);
    await session.runErrorAction();
    expect(session.getState()).toMatchObject({ status: 'ready', error: null, loadedModelId: SMALLEST_QWEN_F32 });
    expect(methods(engine).filter((m) => m === 'load')).toHaveLength(2);
  });

  test('retry loads the model that failed even if the reader has moved the picker since', async () => {
    const { session, engine } = setup({ loads: [{ failWith: 'TypeError: Failed to fetch' }, {}] });
    await session.load();
    session.selectModel('Llama-3.2-1B-Instruct-q4f32_1-MLC');
    await session.retry();
    const loads = engine.calls.filter((c) => c.method === 'load');
    expect(loads.map((c) => (c as { modelId: string }).modelId)).toEqual([SMALLEST_QWEN_F32, SMALLEST_QWEN_F32]);
  });

  test('starting a load tells the page (another island frees the GPU)', async () => {
    const engine = new FakeChatEngine();
    let told = 0;
    const session = new ChatSession({ engine, probe: async () => NO_F16_GPU, onWillLoad: () => told++ });
    await session.load();
    expect(told).toBe(1);
  });

  test('release unloads a loaded model and says why', async () => {
    const { session, engine } = await ready();
    session.release();
    expect(session.getState()).toMatchObject({ status: 'idle', loadedModelId: null, notice: NOTICES.released });
    expect(methods(engine)).toContain('unload');
  });
});

describe('chatting', () => {
  test('send streams the answer into the last turn, then shows metrics', async () => {
    const { session, engine, states } = await ready({ answers: [{ deltas: ['你好', '！', '我是', '测试', '模型。'] }] });
    session.updateSettings({ systemPrompt: '你是客服。', seed: 42 });
    await session.send('你好');
    const contents = states
      .map((s) => s.turns.at(-1))
      .filter((t): t is ChatTurn => t?.role === 'assistant')
      .map((t) => t.content);
    expect([...new Set(contents)]).toEqual(['', '你好', '你好！', '你好！我是', '你好！我是测试', '你好！我是测试模型。']);
    const turn = lastTurn(session);
    expect(turn).toMatchObject({ role: 'assistant', state: 'done', content: '你好！我是测试模型。', modelId: SMALLEST_QWEN_F32 });
    expect(turn.metrics).toMatchObject({ completionTokens: 5, characters: 10 });
    expect(turn.metrics?.charactersPerSecond).toBeGreaterThan(0);
    expect(session.getState().lastMetrics).toBe(turn.metrics);
    expect(session.getState().status).toBe('ready');
    expect(statusText(session.getState())).toBe('回答完成。');

    const request = engine.calls.find((c) => c.method === 'streamChat');
    expect(request).toMatchObject({
      request: {
        messages: [
          { role: 'system', content: '你是客服。' },
          { role: 'user', content: '你好' },
        ],
        sampling: { temperature: 0.7, top_p: 0.8, max_tokens: 512, seed: 42 },
      },
    });
  });

  test('an empty message or one sent before loading is not sent', async () => {
    const { session, engine } = setup();
    await session.checkCapability();
    expect(await session.send('你好')).toBe(false);
    await session.load();
    expect(await session.send('   ')).toBe(false);
    expect(methods(engine)).not.toContain('streamChat');
  });

  test("stop: the answer ends with 'abort', shown as stopped, not as an error", async () => {
    const gate = new StepGate();
    const { session, engine } = await ready({ answers: [{ deltas: ['一', '二', '三', '四', '五', '六'], gate }] });
    const sending = session.send('数数');
    await gate.release();
    await until(session, (s) => s.turns.at(-1)?.content === '一');
    session.stop();
    await sending;
    const turn = lastTurn(session);
    expect(turn.state).toBe('stopped');
    expect(turn.content).toBe('一');
    expect(session.getState()).toMatchObject({ status: 'ready', error: null });
    expect(statusText(session.getState())).toBe('已停止。');
    expect(methods(engine)).toContain('stop');
  });

  test('新对话 clears the turns and the GPU conversation; a running answer no longer writes', async () => {
    const gate = new StepGate();
    const { session, engine } = await ready({ answers: [{ deltas: ['旧', '的', '回', '答'], gate }, { deltas: ['新'] }] });
    const sending = session.send('第一个问题');
    await gate.release();
    await until(session, (s) => s.turns.at(-1)?.content === '旧');
    await session.newConversation();
    expect(session.getState().turns).toEqual([]);
    expect(session.getState().lastMetrics).toBeNull();
    expect(methods(engine)).toContain('resetChat');
    // The rest of the old answer, should the engine still send it.
    gate.open();
    await sending;
    expect(session.getState().turns).toEqual([]);
    expect(session.getState().status).toBe('ready');

    await session.send('第二个问题');
    const second = engine.calls.filter((c) => c.method === 'streamChat').at(-1);
    expect(second).toMatchObject({ request: { messages: [{ role: 'user', content: '第二个问题' }] } });
  });

  test('later questions carry the conversation, without failed exchanges', async () => {
    // The failed answer got half a sentence out first: only its failed state keeps it out.
    const { session, engine } = await ready({
      answers: [{ deltas: ['答一'] }, { deltas: ['半句'], failWith: 'Error: something odd', failAfterDeltas: 1 }, { deltas: ['答三'] }],
    });
    await session.send('问一');
    await session.send('问二');
    expect(session.getState().status).toBe('error');
    expect(lastTurn(session)).toMatchObject({ state: 'error', content: '半句' });
    await session.send('问三');
    const last = engine.calls.filter((c) => c.method === 'streamChat').at(-1);
    expect(last).toMatchObject({
      request: {
        messages: [
          { role: 'user', content: '问一' },
          { role: 'assistant', content: '答一' },
          { role: 'user', content: '问三' },
        ],
      },
    });
  });

  test('later questions leave out an exchange whose answer came back empty', async () => {
    // Finished normally, yet nothing to show: only its empty text keeps it out.
    const { session, engine } = await ready({ answers: [{ deltas: [] }, { deltas: ['答二'] }] });
    await session.send('问一');
    expect(lastTurn(session)).toMatchObject({ state: 'done', content: '' });
    await session.send('问二');
    const last = engine.calls.filter((c) => c.method === 'streamChat').at(-1);
    expect(last).toMatchObject({ request: { messages: [{ role: 'user', content: '问二' }] } });
  });
});

describe('errors and their actions', () => {
  test.each([
    ['DeviceLostError: Device was lost', 'device-lost', 'smaller-model'],
    ['Error: ContextWindowSizeExceededError: Prompt tokens exceed context window size', 'context-window-exceeded', 'clear-conversation'],
    ['WorkerCrashedError: the engine worker stopped', 'worker-crashed', 'reload-page'],
    ['TypeError: Failed to fetch', 'network', 'retry'],
    ["TypeError: Failed to execute 'add' on 'Cache': Request failed", 'download-failed', 'retry'],
    ['QuotaExceededError: quota exceeded', 'storage-quota', 'smaller-model'],
    ['Error: RangeError: Make sure temperature is in [0, 2]', 'invalid-settings', 'none'],
  ])('a chat failing with %s → %s / %s', async (raw, kind, action) => {
    const { session } = await ready({ answers: [{ deltas: ['半句'], failWith: raw, failAfterDeltas: 1 }] });
    await session.send('你好');
    const state = session.getState();
    expect(state.error).toMatchObject({ kind, action, during: 'chat' });
    expect(state.error?.message).not.toMatch(/Error|at \w/);
    expect(lastTurn(session)).toMatchObject({ state: 'error', content: '半句' });
  });

  test('a load failing with device lost offers a smaller model, which is selected but not loaded', async () => {
    const { session, engine } = setup({ loads: [{ failWith: 'DeviceLostError: out of memory' }] });
    await session.checkCapability();
    session.selectModel('Qwen2.5-3B-Instruct-q4f32_1-MLC');
    await session.load();
    expect(session.getState().error).toMatchObject({ kind: 'device-lost', action: 'smaller-model' });
    await session.runErrorAction();
    const state = session.getState();
    expect(state.selectedModelId).toBe('Qwen2.5-1.5B-Instruct-q4f32_1-MLC');
    expect(state).toMatchObject({ status: 'idle', error: null });
    expect(state.notice).toMatch(/更小的模型/);
    expect(methods(engine).filter((m) => m === 'load')).toHaveLength(1);
  });

  test('with nothing smaller to offer, the reader is told so instead of nothing happening', async () => {
    const { session } = setup({ loads: [{ failWith: 'DeviceLostError: out of memory' }] });
    await session.load();
    await session.runErrorAction();
    expect(session.getState()).toMatchObject({ selectedModelId: SMALLEST_QWEN_F32, error: null, notice: NOTICES.noSmaller });
  });

  test('清空对话 after a context-window error clears the conversation and can chat again', async () => {
    const { session, engine } = await ready({
      answers: [{ deltas: [], failWith: 'ContextWindowSizeExceededError: too long' }, { deltas: ['好的'] }],
    });
    await session.send('很长的问题');
    await session.runErrorAction();
    expect(session.getState()).toMatchObject({ turns: [], error: null, status: 'ready' });
    expect(methods(engine)).toContain('resetChat');
    await session.send('短问题');
    expect(lastTurn(session)).toMatchObject({ state: 'done', content: '好的' });
  });

  test('重试 after a failed answer regenerates it in place', async () => {
    const { session, engine } = await ready({
      answers: [{ deltas: ['半'], failWith: 'Error: hiccup', failAfterDeltas: 1 }, { deltas: ['完整的回答'] }],
    });
    await session.send('问题');
    expect(session.getState().error?.action).toBe('retry');
    await session.runErrorAction();
    const turns = session.getState().turns;
    expect(turns.map((t) => [t.role, t.content, t.state])).toEqual([
      ['user', '问题', 'done'],
      ['assistant', '完整的回答', 'done'],
    ]);
    expect(methods(engine).filter((m) => m === 'streamChat')).toHaveLength(2);
  });

  test('重试 after the model was lost reloads it, then answers again', async () => {
    const { session, engine } = await ready({
      answers: [{ deltas: [], failWith: 'ModelNotLoadedError: Model not loaded' }, { deltas: ['又好了'] }],
    });
    await session.send('问题');
    expect(session.getState().error).toMatchObject({ kind: 'model-not-loaded', action: 'retry' });
    // The fake, like the worker engine, forgets its model when asked to; mimic a GPU reset.
    await engine.unload();
    await session.retry();
    expect(methods(engine).filter((m) => m === 'load')).toHaveLength(2);
    expect(lastTurn(session)).toMatchObject({ state: 'done', content: '又好了' });
  });
});

describe('conversationHistory', () => {
  const turn = (role: ChatTurn['role'], content: string, state: ChatTurn['state'] = 'done'): ChatTurn => ({
    id: 0,
    role,
    content,
    state,
    metrics: null,
    modelId: null,
  });

  test('keeps stopped answers, drops failed exchanges and Qwen3 reasoning', () => {
    expect(
      conversationHistory([
        turn('user', 'a'),
        turn('assistant', '<think>hmm</think>\n\nA'),
        turn('user', 'b'),
        turn('assistant', 'B 的前半', 'error'),
        turn('user', 'c'),
        turn('assistant', 'C…', 'stopped'),
        turn('user', 'd'),
      ]),
    ).toEqual([
      { role: 'user', content: 'a' },
      { role: 'assistant', content: 'A' },
      { role: 'user', content: 'c' },
      { role: 'assistant', content: 'C…' },
      { role: 'user', content: 'd' },
    ]);
  });

  test('drops exchanges whose answer has no text once the reasoning is set aside', () => {
    expect(
      conversationHistory([
        turn('user', 'a'),
        turn('assistant', '', 'stopped'),
        turn('user', 'b'),
        turn('assistant', '<think>只想了想</think>\n\n  ', 'length'),
        turn('user', 'c'),
      ]),
    ).toEqual([{ role: 'user', content: 'c' }]);
  });
});
