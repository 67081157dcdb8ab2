/**
 * Turning whatever the worker reports into something a reader can act on.
 *
 * web-llm has ~70 error classes but exports only IntegrityError, and a worker can only pass
 * strings across, so the mapping matches on error *names and phrases inside the text*
 * ("Error: DeviceLostError: …" included). Browser-level failures carry no name of web-llm's at
 * all: a 404 is "TypeError: Failed to execute 'add' on 'Cache': Request failed", a dropped
 * connection is "TypeError: Failed to fetch" — neither says which file or which HTTP status.
 */

import { blockedRedirectMessage, blockedSourceMessage } from '../sources/blocked-message';
import type { StallPhase } from './stall-watchdog';

export type EngineErrorKind =
  | 'webgpu-unavailable'
  | 'no-compatible-gpu'
  | 'gpu-limits-too-small'
  | 'shader-f16-unsupported'
  | 'gpu-feature-missing'
  | 'device-lost'
  | 'out-of-memory'
  | 'model-not-loaded'
  | 'context-window-exceeded'
  | 'storage-quota'
  | 'download-failed'
  | 'network'
  | 'corrupt-model-library'
  | 'corrupt-download'
  | 'integrity'
  | 'model-not-found'
  | 'invalid-settings'
  | 'load-cancelled'
  | 'source-blocked'
  | 'response-too-large'
  | 'stalled'
  | 'worker-crashed'
  | 'engine-disposed'
  | 'unknown';

/** The one thing the UI should offer next. */
export type EngineErrorAction =
  | 'retry'
  /**
   * web-llm caches a file once it has arrived and never fetches it again, so a bad file (a mirror's
   * or captive portal's HTML page answered with 200, a junk library) fails every retry and every
   * page reload the same way: only deleting the model's cached files and downloading again helps.
   */
  | 'delete-and-reload'
  | 'smaller-model'
  | 'clear-conversation'
  | 'reload-page'
  | 'none';

export interface EngineErrorInfo {
  kind: EngineErrorKind;
  /**
   * Chinese, one or two sentences: what happened and what to do. No stack trace, no English
   * library text, and no file names, hosts or status codes — those are in `details`.
   */
  message: string;
  action: EngineErrorAction;
  /**
   * For the collapsed 技术细节: the file, host and HTTP status when known, else the first line of
   * the raw text. Never a stack trace.
   */
  details: string;
  /** A network or host failure: another download source may well work where this one failed. */
  sourceMayHelp: boolean;
  /** The model file a download failed on, when the worker could find it out. */
  failedUrl?: string;
  /** The HTTP status that file was answered with (absent: no answer at all). */
  httpStatus?: number;
}

interface Rule {
  kind: EngineErrorKind;
  test: RegExp;
  message: string;
  action: EngineErrorAction;
  /** See EngineErrorInfo.sourceMayHelp. */
  hostFailure?: true;
}

// First match wins, so specific names come before the generic phrases they may contain
// (e.g. the DeviceLostError text mentions memory; a Cache.add failure is also a TypeError).
const RULES: readonly Rule[] = [
  {
    kind: 'load-cancelled',
    // AbortError: web-llm aborts its downloads when unload()/a newer load() interrupts a load.
    test: /\bLoadCancelledError\b|\bAbortError\b/,
    message: '已取消加载模型。',
    action: 'none',
  },
  {
    kind: 'response-too-large',
    // network-guard.ts cuts off a configuration file that keeps coming (an endless answer).
    test: /\bResponseTooLargeError\b/,
    message: '下载源返回的配置文件大得不正常，已停止下载，以免占满磁盘：这个下载源可能出了问题，请换一个下载源。',
    action: 'none',
    hostFailure: true,
  },
  {
    kind: 'engine-disposed',
    test: /\bEngineDisposedError\b/,
    message: '模型引擎已关闭，请重新加载模型。',
    action: 'retry',
  },
  {
    kind: 'worker-crashed',
    test: /\bWorkerCrashedError\b/,
    message: '运行模型的后台线程意外退出了：请刷新页面后再试。',
    action: 'reload-page',
  },
  {
    kind: 'device-lost',
    test: /\bDeviceLostError\b|device (?:was )?lost/i,
    message: '显卡中断了模型运行，通常是显存不够：请换一个更小的模型，或选带“1k”的短上下文版本。',
    action: 'smaller-model',
  },
  {
    kind: 'context-window-exceeded',
    test: /\bContextWindowSizeExceededError\b|exceed context window size/i,
    message: '对话已经超过这个模型能记住的长度：请清空对话后重新提问。',
    action: 'clear-conversation',
  },
  {
    kind: 'model-not-loaded',
    test: /\b(?:ModelNotLoadedError|WorkerEngineModelNotLoadedError|EngineNotLoadedError)\b/,
    message: '模型还没有加载（或因显卡出错已被卸载）：请重新加载模型。',
    action: 'retry',
  },
  {
    kind: 'webgpu-unavailable',
    test: /\b(?:WebGPUNotAvailableError|WebGPUNotFoundError)\b/,
    message:
      '这个浏览器没有提供 WebGPU：请用电脑上最新版的 Chrome 或 Edge、Android 上的 Chrome、Safari 26 以上或 Windows 上的 Firefox 141 以上打开本页。',
    action: 'none',
  },
  {
    kind: 'shader-f16-unsupported',
    test: /\bShaderF16SupportError\b/,
    message: '你的显卡不支持这个 f16 版本：请改选名称中带“q4f32”的版本。',
    action: 'smaller-model',
  },
  {
    kind: 'gpu-feature-missing',
    test: /\bFeatureSupportError\b/,
    message: '你的显卡缺少这个模型需要的功能：请换一个模型版本。',
    action: 'smaller-model',
  },
  {
    kind: 'no-compatible-gpu',
    test: /Unable to find a compatible GPU/i,
    message:
      '浏览器没有找到可用的显卡：请在浏览器设置中打开“使用硬件加速”并更新显卡驱动，或换一台设备再试。',
    action: 'none',
  },
  {
    kind: 'gpu-limits-too-small',
    test: /requested \w+ (?:exceeds|exceed) limit/i,
    message: '你的显卡允许的缓冲区太小，运行不了这些模型：请换用电脑上最新版的 Chrome 或 Edge，或换一台设备。',
    action: 'none',
  },
  {
    kind: 'storage-quota',
    test: /\bQuotaExceededError\b|quota/i,
    message: '浏览器留给本站的存储空间不够放下这个模型：请删除不用的模型缓存、释放磁盘空间，或改选更小的模型。',
    action: 'smaller-model',
  },
  {
    kind: 'out-of-memory',
    test: /Array buffer allocation failed|\bout of memory\b/i,
    message: '内存不够，模型没能装下：请关闭其他标签页，或换一个更小的模型。',
    action: 'smaller-model',
  },
  {
    kind: 'download-failed',
    // Cache.add() rejects for any non-2xx answer (404, 403, 5xx) with this text in Chromium.
    test: /'add' on 'Cache'|\bCache\.add\b/,
    message: '模型文件下载失败：下载源没有返回这个文件。请稍后重试；如果一直失败，请换一个下载源。',
    action: 'retry',
    hostFailure: true,
  },
  {
    kind: 'network',
    // Chromium / Firefox / Safari spellings of a fetch that never got an answer.
    test: /Failed to fetch|NetworkError when attempting to fetch|\bLoad failed\b|network error/i,
    message: '网络连接失败，模型没有下载下来：请检查网络后重试（已下载的部分会保留），或换一个下载源。',
    action: 'retry',
    hostFailure: true,
  },
  {
    kind: 'corrupt-model-library',
    test: /\b(?:CompileError|LinkError)\b.*WebAssembly|WebAssembly\.(?:instantiate|compile)\(\)/,
    message: '模型程序文件已损坏，无法启动。它已存进浏览器缓存，重试也会读到同一个坏文件：请删除这个模型已下载的文件，再重新下载。',
    action: 'delete-and-reload',
  },
  {
    kind: 'corrupt-download',
    // A config or manifest that is not JSON: Chromium, Firefox and Safari spellings.
    test: /is not valid JSON|Unexpected token .* JSON|JSON\.parse:|JSON Parse error/,
    message:
      '下载到的模型文件不对（多半是网络或模型源返回了一个网页），它已存进浏览器缓存，重试也会读到同一个坏文件：请删除这个模型已下载的文件，再重新下载。',
    action: 'delete-and-reload',
  },
  {
    kind: 'integrity',
    test: /\bIntegrityError\b/,
    message: '下载的模型文件校验失败，可能已损坏：请删除这个模型已下载的文件，再重新下载。',
    action: 'delete-and-reload',
  },
  {
    kind: 'model-not-found',
    test: /\b(?:ModelNotFoundError|SpecifiedModelNotFoundError)\b/,
    message: '找不到这个模型的配置，这是本站的问题：请换一个模型。',
    action: 'none',
  },
  {
    kind: 'invalid-settings',
    // web-llm's own RangeError always says "Make sure …"; a bare JS RangeError is something else.
    test: /\b(?:ConfigValueError|MinValueError|NonNegativeError|InvalidNumberStringError|DependencyError|SeedTypeError)\b|RangeError: Make sure/,
    message: '生成参数超出了允许的范围：请把温度、top_p 等设置改回默认值。',
    action: 'none',
  },
];

const UNKNOWN_MESSAGE = '运行模型时出了意外的错误：请重试；如果反复出现，请刷新页面。';
const MAX_DETAILS_LENGTH = 300;

/**
 * The worker's own report of which file failed (worker.ts nameFailedFile):
 * "ModelFileError: HTTP 404 <url> (<web-llm's text>)" or "ModelFileError: unreachable <url> (…)".
 */
const MODEL_FILE_ERROR = /\bModelFileError: (?:HTTP (\d{3})|unreachable) (\S+)/;

function describeFailedFile(url: string, status: number | null): EngineErrorInfo {
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // Not a URL after all: show it as it is.
  }
  const failure = { action: 'retry', failedUrl: url, sourceMayHelp: true } as const;
  if (status === null) {
    return {
      ...failure,
      kind: 'network',
      message: '连不上模型下载源，模型没有下载下来：请检查网络后重试（已下载的文件会保留），或换一个下载源。',
      details: `连不上 ${host}：${url}`,
    };
  }
  const reason =
    status === 404
      ? '下载源上没有这个文件'
      : status === 401 || status === 403
        ? '下载源拒绝了下载'
        : status >= 500
          ? '下载源的服务器出错了'
          : '下载源没有返回这个文件';
  return {
    ...failure,
    kind: 'download-failed',
    httpStatus: status,
    message: `模型文件下载失败：${reason}。请稍后重试；如果一直失败，请换一个下载源。`,
    details: `${host} 答复 HTTP ${status}：${url}`,
  };
}

/**
 * The worker's network guard (network-guard.ts): "SourceBlockedError: <url> is outside … (allowed:
 * a b)", or "<url> was redirected outside …" when the browser refused the redirect unsent.
 */
const SOURCE_BLOCKED = /\bSourceBlockedError: (\S+) (is|was redirected) outside the allowed model sources \(allowed: ([^)]*)\)/;

function describeBlockedSource(url: string, redirected: boolean, allowed: string): EngineErrorInfo {
  let origin = url;
  try {
    origin = new URL(url).origin;
  } catch {
    // Not a URL after all: name it as it is.
  }
  const places = allowed.split(' ').filter((place) => place !== '');
  return {
    kind: 'source-blocked',
    action: 'none',
    failedUrl: url,
    sourceMayHelp: true,
    message: '本站的安全设置不允许从这个下载源下载模型，浏览器拦截了下载：请改用其他下载源。',
    details: redirected ? blockedRedirectMessage(url, places) : blockedSourceMessage([origin], places, origin),
  };
}

/** The load's stall watchdog (worker.ts): "LoadStalledError: [phase] no progress for N s". */
const LOAD_STALLED = /\bLoadStalledError: \[(\w+)\] no progress for (\d+) s/;

const STALLED_WHAT: Record<StallPhase, string> = {
  config: '下载模型的配置文件',
  library: '下载模型程序文件',
  download: '下载模型权重',
  cache: '从本机缓存读取模型',
  compile: '为显卡准备模型程序（编译着色器）',
};

function describeStall(phase: string, seconds: string, raw: string): EngineErrorInfo {
  const what = STALLED_WHAT[phase as StallPhase] ?? '加载模型';
  const local = phase === 'cache' || phase === 'compile';
  const advice = local
    ? '请重试；如果反复出现，请关闭其他标签页或刷新页面。'
    : '网络或下载源可能出了问题，请重试（已下载完的文件会保留）；如果反复出现，请换一个下载源。';
  return {
    kind: 'stalled',
    action: 'retry',
    message: `${what}时卡住了：${seconds} 秒没有任何进展，已停止加载。${advice}`,
    details: firstLine(raw),
    sourceMayHelp: !local,
  };
}

/** Human reading of a raw worker error text. Never throws, never returns a stack trace. */
export function describeEngineError(raw: string): EngineErrorInfo {
  const blocked = SOURCE_BLOCKED.exec(raw);
  if (blocked !== null) return describeBlockedSource(blocked[1]!, blocked[2] === 'was redirected', blocked[3]!);
  const stalled = LOAD_STALLED.exec(raw);
  if (stalled !== null) return describeStall(stalled[1]!, stalled[2]!, raw);
  const modelFile = MODEL_FILE_ERROR.exec(raw);
  if (modelFile !== null) return describeFailedFile(modelFile[2]!, modelFile[1] === undefined ? null : Number(modelFile[1]));
  const details = firstLine(raw);
  for (const rule of RULES) {
    if (rule.test.test(raw)) {
      return { kind: rule.kind, message: rule.message, action: rule.action, details, sourceMayHelp: rule.hostFailure === true };
    }
  }
  return { kind: 'unknown', message: UNKNOWN_MESSAGE, action: 'retry', details, sourceMayHelp: false };
}

function firstLine(raw: string): string {
  const line =
    raw
      .split(/\r?\n/)
      .map((l) => l.trim())
      // A raw text that starts with a stack frame has nothing useful to show.
      .find((l) => l.length > 0 && !/^at\s/.test(l)) ?? '';
  return line.length > MAX_DETAILS_LENGTH ? `${line.slice(0, MAX_DETAILS_LENGTH)}…` : line;
}

/** What every ChatEngine rejects with. `message` is the Chinese text; `raw` is for logs only. */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  readonly kind: EngineErrorKind;
  readonly action: EngineErrorAction;
  readonly details: string;
  readonly sourceMayHelp: boolean;
  /** See EngineErrorInfo. */
  readonly failedUrl: string | undefined;
  readonly httpStatus: number | undefined;
  /** The original text from the worker/browser — log it, never show it. */
  readonly raw: string;

  constructor(info: EngineErrorInfo, raw: string) {
    super(info.message);
    this.kind = info.kind;
    this.action = info.action;
    this.details = info.details;
    this.sourceMayHelp = info.sourceMayHelp;
    this.failedUrl = info.failedUrl;
    this.httpStatus = info.httpStatus;
    this.raw = raw;
  }
}

/** Anything thrown or posted (Error, DOMException, string, serialized error) → EngineError. */
export function toEngineError(thrown: unknown): EngineError {
  if (thrown instanceof EngineError) return thrown;
  const raw = rawText(thrown);
  return new EngineError(describeEngineError(raw), raw);
}

/** The "Name: message" form web-llm's own worker client produces with err.toString(). */
export function rawText(thrown: unknown): string {
  if (typeof thrown === 'string') return thrown;
  if (thrown instanceof Error || thrown instanceof DOMException) {
    return `${thrown.name}: ${thrown.message}`;
  }
  if (typeof thrown === 'object' && thrown !== null && 'text' in thrown) {
    return String((thrown as { text: unknown }).text);
  }
  try {
    return String(thrown);
  } catch {
    return 'Unknown error';
  }
}
