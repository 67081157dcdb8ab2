/**
 * How fast can the chat view take tokens before it becomes the bottleneck, and how long does the
 * main thread stay blocked while it does? Real view, real session, real WorkerChatEngine; the
 * tokens come from firehose-worker.ts at a fixed rate. Figures are written out, never asserted:
 * scripts/bench-chat.mjs prints them.
 */
import '../src/styles/global.css';
import '../src/playground/ui/island.css';
import '../src/playground/chat/view/chat.css';
import { test } from 'vitest';
import { commands } from 'vitest/browser';
import { mountChat } from '../src/playground/chat/mount';
import { WorkerChatEngine } from '../src/playground/engine/worker-engine';
import type { BenchConfig } from './firehose-worker';

const TOKENS = 4000;
/** Each rate runs this many times and every figure is the median: other processes on the machine make single runs noisy. */
const REPEATS = 3;
const RATES = [250, 500, 1000, 2000, 4000, 8000, 16000, 32000, Infinity];
const RESULTS_FILE = '.reports/bench-chat.json';

/** A long Chinese answer with the Markdown a model writes (headings, lists, code, a table), cut into token-sized pieces. */
function answerTokens(count: number): string[] {
  const blocks = [
    '## 通义千问与 Llama 3 的区别\n\n',
    '两者都是基于 **Transformer** 解码器的大语言模型，但在训练数据、词表和许可证上有明显不同。下面分几点说明：\n\n',
    '1. **词表**：Qwen 的词表约 15 万，Llama 3 约 12.8 万，中文文本在 Qwen 上通常切出更少的 token。\n',
    '2. **上下文**：浏览器里的量化版本一般限制在 4096 个词元，带“1k”的版本只有 1024 个。\n',
    '3. **语言**：Llama 3 官方定位为英语用途，Qwen 官方支持包括中文在内的多种语言。\n\n',
    '| 模型 | 参数量 | 量化 |\n| --- | --- | --- |\n| Qwen2.5 0.5B | 0.49B | q4f32_1 |\n| Llama 3.2 1B | 1.23B | q4f32_1 |\n\n',
    '```python\nfrom transformers import AutoTokenizer\ntok = AutoTokenizer.from_pretrained("Qwen/Qwen2.5-0.5B-Instruct")\nprint(len(tok("今天天气很好，适合出去玩。")["input_ids"]))\n```\n\n',
    '> 注意：单个生成样例不能说明模型的整体效果，请以公开基准的评测结果为准。\n\n',
    '总的来说，如果主要处理中文任务，可以先试试 Qwen；如果以英文为主，两者都值得比较。参考 [web-llm](https://github.com/mlc-ai/web-llm)。\n\n',
  ];
  const tokens: string[] = [];
  let block = 0;
  while (tokens.length < count) {
    const text = blocks[block++ % blocks.length]!;
    // Chinese: one or two characters per token; Latin, digits and Markdown: a run per token.
    for (const piece of text.match(/[\u4e00-\u9fff]{1,2}|[A-Za-z0-9_.]+|\s+|[^\sA-Za-z0-9_.\u4e00-\u9fff]/g) ?? []) {
      tokens.push(piece);
      if (tokens.length === count) break;
    }
  }
  return tokens;
}

interface RunResult {
  offeredTokensPerSecond: number | null;
  /** Tokens ÷ (first token on the page → final answer on screen). */
  renderedTokensPerSecond: number;
  /** Last token received → final answer on screen. */
  catchUpMs: number;
  /** Times the answer's DOM was rebuilt. */
  renders: number;
  /** Duration of the view's per-frame render (its requestAnimationFrame callback). */
  medianRenderMs: number;
  p95RenderMs: number;
  longestRenderMs: number;
  /** Longest task the Long Tasks API reported (it reports only tasks of 50 ms or more; 0 = none). */
  longestLongTaskMs: number;
  /** Longest wait of a 0 ms timer: what input would have waited, at worst. */
  longestTimerDelayMs: number;
}

const GiB = 1024 ** 3;

/** Times every requestAnimationFrame callback: the chat view does all its DOM work in one. */
const frameCallbackMs: number[] = [];
const originalRequestAnimationFrame = window.requestAnimationFrame.bind(window);
window.requestAnimationFrame = (callback) =>
  originalRequestAnimationFrame((time) => {
    const started = performance.now();
    callback(time);
    frameCallbackMs.push(performance.now() - started);
  });

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? 0;

async function run(tokens: string[], tokensPerSecond: number): Promise<RunResult> {
  const root = document.createElement('div');
  document.body.append(root);
  const engine = new WorkerChatEngine({
    createWorker: () => {
      const worker = new Worker(new URL('./firehose-worker.ts', import.meta.url), { type: 'module' });
      worker.postMessage({ type: 'bench-config', tokens, tokensPerSecond } satisfies BenchConfig);
      return worker;
    },
  });
  const chat = await mountChat(root, {
    createEngine: () => engine,
    probe: async () => ({
      isSecureContext: true,
      hasNavigatorGpu: true,
      adapter: { features: [], limits: { maxBufferSize: GiB, maxStorageBufferBindingSize: GiB } },
    }),
  });
  await chat.session.load();
  chat.session.updateSettings({ maxTokens: 4096 });
  chat.flush();

  const longTasks: number[] = [];
  const longTaskObserver = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration)));
  longTaskObserver.observe({ type: 'longtask' });
  let maxTimerDelay = 0;
  let beating = true;
  let lastBeat = performance.now();
  const beat = () => {
    const now = performance.now();
    maxTimerDelay = Math.max(maxTimerDelay, now - lastBeat);
    lastBeat = now;
    if (beating) setTimeout(beat, 0);
  };
  setTimeout(beat, 0);

  let firstTokenAt = 0;
  let lastTokenAt = 0;
  const unsubscribe = chat.session.subscribe((state) => {
    const turn = state.turns.at(-1);
    if (turn?.role !== 'assistant') return;
    if (firstTokenAt === 0 && turn.content !== '') firstTokenAt = performance.now();
    if (turn.state === 'done' && lastTokenAt === 0) lastTokenAt = performance.now();
  });
  let renders = 0;
  const rendered = new Promise<number>((resolve) => {
    const observer = new MutationObserver(() => {
      const answer = root.querySelector<HTMLElement>('.chat-turn[data-role="assistant"]');
      if (answer === null) return;
      renders++;
      if (answer.dataset.state === 'done') {
        observer.disconnect();
        resolve(performance.now());
      }
    });
    observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  });

  frameCallbackMs.length = 0;
  void chat.session.send('请比较通义千问和 Llama 3。');
  const renderedAt = await rendered;
  beating = false;
  const renderMs = [...frameCallbackMs];
  unsubscribe();
  // Long-task entries are delivered after the task ends.
  await new Promise((resolve) => setTimeout(resolve, 100));
  longTaskObserver.disconnect();
  await chat.destroy();
  root.remove();

  return {
    offeredTokensPerSecond: Number.isFinite(tokensPerSecond) ? tokensPerSecond : null,
    renderedTokensPerSecond: tokens.length / ((renderedAt - firstTokenAt) / 1000),
    catchUpMs: renderedAt - lastTokenAt,
    renders,
    medianRenderMs: percentile(renderMs, 0.5),
    p95RenderMs: percentile(renderMs, 0.95),
    longestRenderMs: Math.max(0, ...renderMs),
    longestLongTaskMs: Math.max(0, ...longTasks),
    longestTimerDelayMs: maxTimerDelay,
  };
}

/** Figure by figure, the median over the repeats. */
function medianOf(runs: RunResult[]): RunResult {
  const pick = (key: Exclude<keyof RunResult, 'offeredTokensPerSecond'>) => percentile(runs.map((r) => r[key]), 0.5);
  return {
    offeredTokensPerSecond: runs[0]!.offeredTokensPerSecond,
    renderedTokensPerSecond: pick('renderedTokensPerSecond'),
    catchUpMs: pick('catchUpMs'),
    renders: pick('renders'),
    medianRenderMs: pick('medianRenderMs'),
    p95RenderMs: pick('p95RenderMs'),
    longestRenderMs: pick('longestRenderMs'),
    longestLongTaskMs: pick('longestLongTaskMs'),
    longestTimerDelayMs: pick('longestTimerDelayMs'),
  };
}

/**
 * Answers built to hurt the renderer (see markdown.ts): deep nesting overflowed marked's stack,
 * and `_a_a…` makes its emphasis matching quadratic (16 KB took 420 ms per render).
 */
const HOSTILE_ANSWERS: readonly { name: string; tokens: string[] }[] = [
  { name: '16 KB of _a_a…', tokens: Array.from({ length: 2048 }, () => '_a_a_a_a') },
  { name: '10,000 > in a row', tokens: Array.from({ length: 1250 }, () => '>'.repeat(8)) },
];
const HOSTILE_RATE = 2000;

test('chat view rendering under a token firehose', async () => {
  const hostile: (RunResult & { name: string })[] = [];
  for (const { name, tokens } of HOSTILE_ANSWERS) {
    const runs: RunResult[] = [];
    for (let i = 0; i < REPEATS; i++) runs.push(await run(tokens, HOSTILE_RATE));
    hostile.push({ name, ...medianOf(runs) });
  }
  const tokens = answerTokens(TOKENS);
  const results: RunResult[] = [];
  // A warm-up run, so the first measured run does not pay for compiling the code.
  await run(tokens.slice(0, 400), Infinity);
  for (const rate of RATES) {
    const runs: RunResult[] = [];
    for (let i = 0; i < REPEATS; i++) runs.push(await run(tokens, rate));
    results.push(medianOf(runs));
  }
  await commands.writeFile(
    RESULTS_FILE,
    JSON.stringify({ tokens: TOKENS, repeats: REPEATS, characters: tokens.join('').length, userAgent: navigator.userAgent, results, hostileRate: HOSTILE_RATE, hostile }, null, 2),
  );
}, 900_000);
