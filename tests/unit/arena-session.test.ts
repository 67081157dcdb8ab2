import { describe, expect, test, vi } from 'vitest';
import { ArenaSession, lastAnswer, type ArenaSessionOptions } from '../../src/playground/arena/arena-session';
import { NOTICES } from '../../src/playground/session/chat-session';
import { CPU_ARENA } from '../../src/playground/cpu/cpu-arena';
import { VOTES_STORAGE_KEY } from '../../src/playground/arena/votes';
import type { ChatRequest, ChatStream, LoadOptions } from '../../src/playground/engine/chat-engine';
import { SWIFTSHADER } from '../fixtures/environments';
import { FakeChatEngine, StepGate, type FakeChatEngineOptions } from '../fixtures/fake-engine';
import type { ModelFamily } from '../../src/lib/model-families';

const QWEN_3B = 'Qwen2.5-3B-Instruct-q4f32_1-MLC';
const LLAMA_3B = 'Llama-3.2-3B-Instruct-q4f32_1-MLC';

/** A FakeChatEngine that writes every load, answer and unload into one log shared by both sides. */
class LoggedEngine extends FakeChatEngine {
  constructor(
    private readonly name: ModelFamily,
    private readonly log: string[],
    options: FakeChatEngineOptions,
    private readonly onLoad: () => void = () => undefined,
  ) {
    super(options);
  }

  override async load(modelId: string, options?: LoadOptions): Promise<void> {
    this.onLoad();
    this.log.push(`${this.name} load`);
    await super.load(modelId, options);
    this.log.push(`${this.name} loaded`);
  }

  override streamChat(request: ChatRequest): ChatStream {
    this.log.push(`${this.name} chat`);
    return super.streamChat(request);
  }

  /** Freeing GPU memory takes a moment in a real worker; an arena that does not wait shows it. */
  override async unload(): Promise<void> {
    this.log.push(`${this.name} unload`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await super.unload();
    this.log.push(`${this.name} unloaded`);
  }
}

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

function setup(
  scripts: Partial<Record<ModelFamily, FakeChatEngineOptions>> = {},
  options: Partial<ArenaSessionOptions> = {},
) {
  const log: string[] = [];
  const engines: Partial<Record<ModelFamily, LoggedEngine>> = {};
  const created: ModelFamily[] = [];
  const snapshots: string[] = [];
  let clock = 0;
  const arena: ArenaSession = new ArenaSession({
    engineFactory: (family) => {
      created.push(family);
      const engine = new LoggedEngine(family, log, scripts[family] ?? {}, () => {
        // What the other side looked like when this one started loading.
        const other = family === 'qwen' ? 'llama' : 'qwen';
        const otherAnswer = lastAnswer(arena.sides[other].session.getState());
        snapshots.push(`${family} loads; ${other} loaded: ${engines[other]?.loadedModelId ?? 'none'}, ${other} answer: ${otherAnswer?.state ?? 'none'}`);
      });
      engines[family] = engine;
      return engine;
    },
    probe: async () => SWIFTSHADER,
    now: () => (clock += 10),
    random: () => 0.9,
    ...options,
  });
  return { arena, log, engines, created, snapshots };
}

const requests = (engine: FakeChatEngine | undefined) =>
  (engine?.calls ?? []).flatMap((call) => (call.method === 'streamChat' ? [call.request] : []));

describe('a round', () => {
  test('sends the same messages, sampling settings and seed to both sides; no engine before the first action', async () => {
    const { arena, engines, created } = setup();
    await arena.checkCapability();
    expect(arena.getState().status).toBe('ready');
    expect(arena.plan?.mode).toBe('together');
    expect(created).toEqual([]);

    arena.updateSettings({ systemPrompt: '你是一个简洁的助手。', temperature: 0.3, topP: 0.7, maxTokens: 200, seed: 7 });
    arena.setDraft('用一句话介绍长城。');
    expect(await arena.start()).toBe(true);

    const [qwen] = requests(engines.qwen);
    const [llama] = requests(engines.llama);
    const expected = {
      messages: [
        { role: 'system', content: '你是一个简洁的助手。' },
        { role: 'user', content: '用一句话介绍长城。' },
      ],
      sampling: { temperature: 0.3, top_p: 0.7, max_tokens: 200, seed: 7 },
    };
    expect(qwen).toMatchObject(expected);
    expect(llama).toMatchObject(expected);
    expect(qwen!.sampling).toEqual(llama!.sampling);
    expect(arena.getState().round?.sampling).toEqual(expected.sampling);
  });

  test("the round is stamped in the reader's local time with its offset, as the export shows it", async () => {
    const savedTz = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
    try {
      const { arena } = setup({}, { clock: () => Date.parse('2026-12-01T23:50:36.791Z') });
      await arena.checkCapability();
      arena.setDraft('你好');
      await arena.start();
      expect(arena.getState().round?.startedAt).toBe('2026-12-02T07:50:36+08:00');
    } finally {
      if (savedTz === undefined) delete process.env.TZ;
      else process.env.TZ = savedTz;
    }
  });

  test('without a seed, one seed is drawn per round and both sides get it; defaults favour neither family', async () => {
    let draws = 0;
    const { arena, engines } = setup({}, { random: () => [0.25, 0.9][draws++ % 2]! });
    await arena.checkCapability();
    expect(arena.getState().settings).toMatchObject({ temperature: 0.65, topP: 0.85, seed: null });
    arena.setDraft('Hello');
    await arena.start();
    const seed = arena.getState().round!.sampling.seed;
    expect(seed).toBe(Math.floor(0.25 * 2 ** 31));
    expect(requests(engines.qwen)[0]!.sampling).toEqual({ temperature: 0.65, top_p: 0.85, max_tokens: 512, seed });
    expect(requests(engines.llama)[0]!.sampling).toEqual(requests(engines.qwen)[0]!.sampling);
  });

  test('each round starts a fresh conversation: the earlier answer is not sent again', async () => {
    const { arena, engines } = setup();
    await arena.checkCapability();
    arena.setDraft('第一个问题');
    await arena.start();
    arena.setDraft('第二个问题');
    await arena.start();
    for (const engine of [engines.qwen, engines.llama]) {
      expect(requests(engine).at(-1)!.messages).toEqual([{ role: 'user', content: '第二个问题' }]);
      expect(engine!.calls.filter((call) => call.method === 'resetChat').length).toBeGreaterThan(0);
    }
  });

  test('one side failing mid-answer leaves the other to finish, and says what happened and what to do', async () => {
    const { arena } = setup({
      llama: { answers: [{ deltas: ['Hel', 'lo'], failWith: 'DeviceLostError: the GPU device was lost', failAfterDeltas: 1 }] },
    });
    await arena.checkCapability();
    arena.setDraft('你好');
    await arena.start();

    const qwen = arena.sideResult('qwen');
    expect(qwen).toMatchObject({ text: '你好！我是测试模型。', finishReason: 'stop', error: null });
    expect(qwen.metrics?.characters).toBe(10);
    expect(qwen.language?.matches).toBe(true);

    const llama = arena.sideResult('llama');
    expect(llama.finishReason).toBeNull();
    expect(llama.error).toMatch(/显卡中断了模型运行/);
    expect(arena.sides.llama.session.getState().error).toMatchObject({ kind: 'device-lost', action: 'smaller-model' });
    expect(arena.getState()).toMatchObject({ running: false, runs: { qwen: 'settled', llama: 'settled' } });
  });

  test('a failed download on one side does not keep the other from answering', async () => {
    const { arena, engines } = setup({ qwen: { loads: [{ failWith: 'TypeError: Failed to fetch', failAfterSteps: 1 }] } });
    await arena.checkCapability();
    arena.setDraft('你好');
    await arena.start();
    expect(requests(engines.qwen)).toEqual([]);
    expect(arena.sides.qwen.session.getState().error).toMatchObject({ kind: 'network', action: 'retry', during: 'load' });
    expect(arena.sideResult('llama')).toMatchObject({ text: '你好！我是测试模型。', finishReason: 'stop' });
  });

  test('both downloads failing the same way is one shared error, and its 重试 runs the round again on both sides', async () => {
    const offline = { loads: [{ failWith: 'TypeError: Failed to fetch' }, {}] };
    const { arena, engines } = setup({ qwen: offline, llama: offline });
    await arena.checkCapability();
    arena.setDraft('你好');
    await arena.start();
    expect(arena.sharedError).toMatchObject({ kind: 'network', action: 'retry', sourceMayHelp: true });

    expect(await arena.runSharedErrorAction()).toBe(true);
    expect(arena.sharedError).toBeNull();
    for (const family of ['qwen', 'llama'] as const) {
      expect(arena.sides[family].session.getState().error).toBeNull();
      expect(requests(engines[family])).toHaveLength(1);
    }
    expect(arena.sideResult('llama')).toMatchObject({ text: '你好！我是测试模型。', finishReason: 'stop' });
  });

  test('two different failures are not merged: each side keeps its own', async () => {
    const { arena } = setup({
      qwen: { loads: [{ failWith: 'TypeError: Failed to fetch' }] },
      llama: { loads: [{ failWith: 'RangeError: Array buffer allocation failed' }] },
    });
    await arena.checkCapability();
    arena.setDraft('你好');
    await arena.start();
    expect(arena.sides.qwen.session.getState().error?.kind).toBe('network');
    expect(arena.sides.llama.session.getState().error?.kind).toBe('out-of-memory');
    expect(arena.sharedError).toBeNull();
    expect(await arena.runSharedErrorAction()).toBe(false);
  });

  describe('switching the download source from one side’s error', () => {
    const unreachable = (repo: string) => `ModelFileError: unreachable https://huggingface.co/mlc-ai/${repo}/resolve/main/mlc-chat-config.json (Failed to fetch)`;
    const missing = (repo: string) => `ModelFileError: HTTP 404 https://huggingface.co/mlc-ai/${repo}/resolve/main/mlc-chat-config.json (Not found)`;
    const loadCount = (log: string[], family: ModelFamily) => log.filter((line) => line === `${family} load`).length;

    test('retries both sides when both failed because of the source, each its own way', async () => {
      const { arena, engines } = setup({
        qwen: { loads: [{ failWith: unreachable('Qwen') }, {}] },
        llama: { loads: [{ failWith: missing('Llama') }, {}] },
      });
      await arena.checkCapability();
      arena.setDraft('你好');
      await arena.start();
      // Two messages, one per side: not one shared error.
      expect(arena.sharedError).toBeNull();
      expect(arena.sides.qwen.session.getState().error).toMatchObject({ kind: 'network', sourceMayHelp: true });
      expect(arena.sides.llama.session.getState().error).toMatchObject({ kind: 'download-failed', sourceMayHelp: true });

      await arena.retryAfterSourceSwitch();
      for (const family of ['qwen', 'llama'] as const) {
        expect(arena.sides[family].session.getState().error).toBeNull();
        expect(requests(engines[family])).toHaveLength(1);
      }
    });

    test('retries only the side the source failed: a side that answered is not loaded again', async () => {
      const { arena, log } = setup({ qwen: { loads: [{ failWith: unreachable('Qwen') }, {}] } });
      await arena.checkCapability();
      arena.setDraft('你好');
      await arena.start();
      expect(arena.sideResult('llama')).toMatchObject({ finishReason: 'stop' });
      const llamaLoads = loadCount(log, 'llama');

      await arena.retryAfterSourceSwitch();
      expect(arena.sides.qwen.session.getState().error).toBeNull();
      expect(arena.sides.qwen.session.getState().loadedModelId).not.toBeNull();
      expect(loadCount(log, 'llama')).toBe(llamaLoads);
    });

    test('leaves a side that failed for another reason (memory) to its own remedy', async () => {
      const { arena, log } = setup({
        qwen: { loads: [{ failWith: unreachable('Qwen') }, {}] },
        llama: { loads: [{ failWith: 'RangeError: Array buffer allocation failed' }] },
      });
      await arena.checkCapability();
      arena.setDraft('你好');
      await arena.start();
      const llamaLoads = loadCount(log, 'llama');

      await arena.retryAfterSourceSwitch();
      expect(arena.sides.qwen.session.getState().error).toBeNull();
      expect(arena.sides.llama.session.getState().error?.kind).toBe('out-of-memory');
      expect(loadCount(log, 'llama')).toBe(llamaLoads);
    });
  });

  test('a shared failure of a pair that does not fit together is retried one side after the other', async () => {
    const offline = { loads: [{ failWith: 'TypeError: Failed to fetch' }, {}] };
    const { arena, snapshots } = setup({ qwen: offline, llama: offline }, { probe: async () => SWIFTSHADER });
    await arena.checkCapability();
    arena.selectModel('qwen', QWEN_3B);
    arena.selectModel('llama', LLAMA_3B);
    expect(arena.plan?.mode).toBe('one-after-another');
    // Two failed per-side loads outside a round (each side's 重试), then one shared 重试.
    await arena.sides.qwen.session.load();
    await arena.sides.llama.session.load();
    expect(arena.sharedError?.kind).toBe('network');
    snapshots.length = 0;
    await arena.retryBoth();
    expect(arena.sharedError).toBeNull();
    expect(snapshots).toEqual(['qwen loads; llama loaded: none, llama answer: none', 'llama loads; qwen loaded: none, qwen answer: none']);
  });

  test('stopping one side ends only its answer', async () => {
    const deltas = Array.from({ length: 40 }, (_, i) => `字${i}`);
    const gates = { qwen: new StepGate(), llama: new StepGate() };
    const { arena, engines } = setup({ qwen: { answers: [{ deltas, gate: gates.qwen }] }, llama: { answers: [{ deltas, gate: gates.llama }] } });
    await arena.checkCapability();
    arena.setDraft('写一段长一点的话。');
    const round = arena.start();
    await Promise.all([gates.qwen.release(), gates.llama.release()]);
    await vi.waitFor(() => expect(bothStreaming(arena)).toBe(true));
    arena.stop('llama');
    gates.qwen.open();
    await round;

    expect(arena.sideResult('llama').finishReason).toBe('abort');
    expect(arena.sideResult('llama').text).toBe('字0');
    expect(arena.sideResult('qwen').finishReason).toBe('stop');
    expect(arena.sideResult('qwen').text).toBe(deltas.join(''));
    expect(engines.qwen!.calls.some((call) => call.method === 'stop')).toBe(false);
  });

  test('with nothing to compare on one side, a blind round is revealed and cannot be voted on', async () => {
    const { arena } = setup({ llama: { answers: [{ deltas: [], failWith: 'Error: something odd' }] } });
    await arena.checkCapability();
    arena.setBlind(true);
    arena.setDraft('你好');
    await arena.start();
    expect(arena.canVote).toBe(false);
    expect(arena.getState()).toMatchObject({ revealed: true, notice: expect.stringMatching(/不能投票/) });
  });
});

describe('another demo on the page loads a model', () => {
  test('the arena is asked first: onWillLoad comes before either side loads', async () => {
    const order: string[] = [];
    const { arena, log } = setup({}, { onWillLoad: () => order.push(`others released before: ${log.join(', ') || 'nothing'}`) });
    await arena.checkCapability();
    await arena.load();
    expect(order[0]).toBe('others released before: nothing');
    expect(arena.hasModelLoaded('qwen') && arena.hasModelLoaded('llama')).toBe(true);
  });

  test('release stops a running round, keeps what was written, and unloads both sides', async () => {
    const gates = { qwen: new StepGate(), llama: new StepGate() };
    const { arena, log } = setup({
      qwen: { answers: [{ deltas: ['一', '二', '三', '四', '五', '六'], gate: gates.qwen }] },
      llama: { answers: [{ deltas: ['one', ' two', ' three', ' four', ' five', ' six'], gate: gates.llama }] },
    });
    await arena.checkCapability();
    arena.setDraft('数到六');
    const round = arena.start();
    await Promise.all([gates.qwen.release(), gates.llama.release()]);
    await vi.waitFor(() => expect(bothStreaming(arena)).toBe(true));
    arena.release();
    await round;

    expect(arena.getState().running).toBe(false);
    for (const family of ['qwen', 'llama'] as const) {
      const state = arena.sides[family].session.getState();
      expect(state).toMatchObject({ status: 'idle', loadedModelId: null, notice: NOTICES.released });
      expect(lastAnswer(state)?.content, family).toBe(family === 'qwen' ? '一' : 'one');
      expect(log, family).toContain(`${family} unload`);
    }
  });
});

describe('one after the other', () => {
  test('on the CPU path the smallest pair, which fits a GPU together, still runs one model at a time, without a GPU probe', async () => {
    const probe = vi.fn(async () => SWIFTSHADER);
    const { arena, log, snapshots } = setup({}, { backend: CPU_ARENA, probe });
    await arena.checkCapability();
    expect(arena.getState().status).toBe('ready');
    expect(probe).not.toHaveBeenCalled();
    expect(arena.entry('qwen')?.id).toBe('Qwen2.5-0.5B-Instruct-Q4_K_M-GGUF');
    expect(arena.entry('llama')?.id).toBe('Llama-3.2-1B-Instruct-Q4_K_M-GGUF');
    expect(arena.plan?.mode).toBe('one-after-another');
    expect(arena.canLoad).toBe(false);
    // A WebGPU build is not among the CPU path's choices.
    arena.selectModel('qwen', 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC');
    expect(arena.entry('qwen')?.id).toBe('Qwen2.5-0.5B-Instruct-Q4_K_M-GGUF');

    arena.setDraft('你好');
    await arena.start();
    expect(log.indexOf('qwen unloaded')).toBeLessThan(log.indexOf('llama load'));
    expect(log.at(-1)).toBe('llama unloaded');
    expect(snapshots).toEqual(['qwen loads; llama loaded: none, llama answer: none', 'llama loads; qwen loaded: none, qwen answer: done']);
    expect(arena.sideResult('llama').modelId).toBe('Llama-3.2-1B-Instruct-Q4_K_M-GGUF');
  });

  test('when the pair does not fit in VRAM together, B is loaded only after A answered and was unloaded', async () => {
    const { arena, log, snapshots } = setup();
    await arena.checkCapability();
    arena.selectModel('qwen', QWEN_3B);
    arena.selectModel('llama', LLAMA_3B);
    expect(arena.plan?.mode).toBe('one-after-another');
    expect(arena.canLoad).toBe(false);

    arena.setDraft('你好');
    await arena.start();
    expect(log).toEqual([
      'qwen load',
      'qwen loaded',
      'qwen chat',
      'qwen unload',
      'qwen unloaded',
      'llama load',
      'llama loaded',
      'llama chat',
      'llama unload',
      'llama unloaded',
    ]);
    expect(snapshots).toEqual(['qwen loads; llama loaded: none, llama answer: none', 'llama loads; qwen loaded: none, qwen answer: done']);
    expect(arena.sideResult('qwen').finishReason).toBe('stop');
    expect(arena.sideResult('llama').finishReason).toBe('stop');
  });

  test('the order follows the columns, and a side stopped before its turn is never loaded', async () => {
    const { arena, log, created } = setup(
      { llama: { answers: [{ deltas: ['a', 'b', 'c'], deltaDelayMs: 30 }] } },
      { random: () => 0.1 },
    );
    await arena.checkCapability();
    arena.selectModel('qwen', QWEN_3B);
    arena.selectModel('llama', LLAMA_3B);
    arena.setBlind(true);
    arena.setDraft('你好');
    const round = arena.start();
    expect(arena.columns).toEqual(['llama', 'qwen']);
    arena.stop('qwen');
    await round;
    expect(arena.getState().runs).toEqual({ llama: 'settled', qwen: 'skipped' });
    expect(created).toEqual(['llama']);
    expect(log.filter((entry) => entry.startsWith('llama'))).toEqual([
      'llama load',
      'llama loaded',
      'llama chat',
      'llama unload',
      'llama unloaded',
    ]);
  });

  test('a model left loaded by 加载 is unloaded before the first side of a one-after-the-other round loads', async () => {
    const { arena, log } = setup();
    await arena.checkCapability();
    await arena.load();
    expect(log).toEqual(expect.arrayContaining(['qwen loaded', 'llama loaded']));
    arena.selectModel('qwen', QWEN_3B);
    arena.selectModel('llama', LLAMA_3B);
    log.length = 0;
    arena.setDraft('你好');
    await arena.start();
    expect(log.indexOf('llama unloaded')).toBeLessThan(log.indexOf('qwen load'));
  });
});

describe('blind votes', () => {
  test('hide the names until the vote, then count for the models whichever side they sat on', async () => {
    const storage = memoryStorage();
    let draw = 0;
    // Seeds and sides are drawn in turn: seed, side (llama in A), seed, side (qwen in A).
    const { arena } = setup({}, { storage, random: () => [0.5, 0.2, 0.5, 0.8][draw++ % 4]! });
    await arena.checkCapability();
    arena.setBlind(true);
    expect(arena.getState().revealed).toBe(false);

    arena.setDraft('你好');
    await arena.start();
    expect(arena.columns).toEqual(['llama', 'qwen']);
    expect(arena.canVote).toBe(true);
    expect(arena.getState().revealed).toBe(false);
    arena.vote('a-better');
    expect(arena.getState()).toMatchObject({ revealed: true, vote: 'a-better', voteStored: true });

    await arena.start();
    expect(arena.columns).toEqual(['qwen', 'llama']);
    arena.vote('a-better');
    arena.vote('b-better'); // a second vote on the same round is ignored

    const { votes } = arena.getState();
    expect(votes.map((vote) => [vote.sideA, vote.verdict])).toEqual([
      ['llama', 'a-better'],
      ['qwen', 'a-better'],
    ]);
    expect(JSON.parse(storage.data.get(VOTES_STORAGE_KEY)!)).toHaveLength(2);

    arena.clearHistory();
    expect(arena.getState().votes).toEqual([]);
    expect(storage.data.has(VOTES_STORAGE_KEY)).toBe(false);
  });
});

function bothStreaming(arena: ArenaSession): boolean {
  return (['qwen', 'llama'] as const).every((family) => {
    const answer = lastAnswer(arena.sides[family].session.getState());
    return answer?.state === 'streaming' && answer.content.length > 0;
  });
}
