/**
 * One arena round written out for the reader to keep or share: Markdown for reading, JSON for
 * tools. Everything needed to reproduce it is included — prompt, settings, model ids, the engine
 * that ran them (web-llm's version and the GPU adapter; or on the CPU path wllama's version, each
 * GGUF file and its quantization, and the thread mode) — with the measured figures, never invented
 * ones.
 */
import type { ModelFamily } from '../../lib/model-families';
import type { AnswerMetrics } from '../answer/metrics';
import type { FinishReason, SamplingParams } from '../engine/chat-engine';
import type { LanguageVerdict } from './language';

export interface ArenaSideResult {
  family: ModelFamily;
  modelId: string;
  text: string;
  finishReason: FinishReason | null;
  metrics: AnswerMetrics | null;
  language: LanguageVerdict | null;
  /** A reader-facing error message when this side failed. */
  error: string | null;
}

export interface ArenaRound {
  prompt: string;
  system: string;
  sampling: Required<Pick<SamplingParams, 'temperature' | 'top_p' | 'max_tokens' | 'seed'>>;
  /** When the round started, in the reader's local time with its offset (localTimestamp). */
  startedAt: string;
  sides: ArenaSideResult[];
}

/** web-llm on the GPU. */
export interface GpuExportEnvironment {
  webLlmVersion: string;
  /** e.g. "google / swiftshader", or "未知" when the browser does not say. */
  gpuAdapter: string;
}

/** The CPU path: llama.cpp in WebAssembly (wllama) on GGUF files. */
export interface CpuExportEnvironment {
  engine: 'wllama';
  /** The installed @wllama/wllama package's version. */
  wllamaVersion: string;
  hardware: string;
  /** e.g. "单线程" or "多线程（4 个线程）". */
  threads: string;
  /** Each side's file, in the order of the round's sides. */
  files: Array<{ modelId: string; repo: string; file: string; quantization: string }>;
}

export type ExportEnvironment = GpuExportEnvironment | CpuExportEnvironment;

function environmentLines(environment: ExportEnvironment): string[] {
  if (!('engine' in environment)) {
    return [`- web-llm 版本：${environment.webLlmVersion}`, `- GPU 适配器：${environment.gpuAdapter}`];
  }
  return [
    `- 推理引擎：wllama ${environment.wllamaVersion}（llama.cpp 的 WebAssembly 版本）`,
    `- 硬件：${environment.hardware}；${environment.threads}`,
    ...environment.files.map(({ modelId, repo, file, quantization }) => `- ${modelId} 的模型文件：${repo}/${file}（${quantization} 量化）`),
  ];
}

const pad = (value: number): string => String(value).padStart(2, '0');

/**
 * An instant as the reader's wall-clock time with its UTC offset, to the second:
 * "2026-12-02T07:50:36+08:00" — ISO 8601, so tools still read the exact instant, and the reader
 * sees the time their clock showed instead of a UTC "Z" time. `offsetMinutes` is east of UTC
 * (+480 for China); default: this device's offset at that instant.
 */
export function localTimestamp(time: number, offsetMinutes: number = -new Date(time).getTimezoneOffset()): string {
  const local = new Date(time + offsetMinutes * 60_000);
  const date = `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  const clock = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const offset = Math.abs(offsetMinutes);
  return `${date}T${clock}${sign}${pad(Math.floor(offset / 60))}:${pad(offset % 60)}`;
}

export function roundToJson(round: ArenaRound, environment: ExportEnvironment): string {
  return JSON.stringify({ ...round, environment }, null, 2);
}

const finishText: Record<FinishReason, string> = { stop: '正常结束', length: '达到长度上限', abort: '已停止' };

function fixed(value: number | null | undefined, digits: number): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

/** A Markdown fence longer than any run of backticks in the text, so answers cannot break out. */
function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(longest + 1);
}

export function roundToMarkdown(round: ArenaRound, environment: ExportEnvironment): string {
  const { sampling } = round;
  const lines = [
    '# 同题对比记录',
    '',
    `- 时间：${round.startedAt}`,
    `- 采样设置：temperature ${sampling.temperature}，top_p ${sampling.top_p}，max_tokens ${sampling.max_tokens}，seed ${sampling.seed}`,
    ...environmentLines(environment),
    '',
    '## 提示词',
    '',
  ];
  if (round.system) lines.push('系统提示：', '', fence(round.system) + 'text', round.system, fence(round.system), '');
  lines.push(fence(round.prompt) + 'text', round.prompt, fence(round.prompt), '');
  for (const side of round.sides) {
    lines.push(`## ${side.family === 'qwen' ? 'Qwen' : 'Llama'}：${side.modelId}`, '');
    if (side.error) lines.push(`出错：${side.error}`, '');
    if (side.text) lines.push(fence(side.text) + 'markdown', side.text, fence(side.text), '');
    if (side.finishReason) lines.push(`- 结束原因：${finishText[side.finishReason]}`);
    if (side.language) lines.push(`- 语言：${side.language.message}`);
    const m = side.metrics;
    if (m) {
      lines.push(
        `- 提示词 token：${m.promptTokens}；生成 token：${m.completionTokens}`,
        `- 首 token 时间：${fixed(m.timeToFirstTokenSeconds, 2)} s`,
        `- 预填充速度：${fixed(m.prefillTokensPerSecond, 1)} token/s；解码速度：${fixed(m.decodeTokensPerSecond, 1)} token/s`,
        `- 字符数：${m.characters}；每秒字符数：${fixed(m.charactersPerSecond, 1)}`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}
