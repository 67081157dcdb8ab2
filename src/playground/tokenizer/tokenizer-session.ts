/**
 * The tokenizer island's state, without the DOM: whether the tokenizers are loaded, the text and
 * view being compared, the latest results, and what went wrong. The tokenizer files are downloaded
 * only when the reader presses the load button or starts changing the text; typing re-tokenizes
 * after a short pause, and an older answer never overwrites a newer one. The view
 * (view/mount.ts) renders the state and forwards the reader's input.
 */
import { SAMPLE_CONVERSATION, renderChats } from './chat-template.ts';
import { TokenizerLoadError, type LoadProgress, type TokenizerClient } from './client.ts';
import { DOWNLOAD_STALL_MS } from './download.ts';
import type { PerFamily } from './families.ts';
import type { Tokenized } from './protocol.ts';
import { comparisonSentence } from './summary.ts';
import type { ViewMode } from './url-state.ts';

export type TokenizerStatus = 'idle' | 'loading' | 'ready' | 'failed';

/** A failure in Chinese, and the browser's raw text for a collapsed 技术细节 line. */
export interface LoadErrorText {
  message: string;
  details: string;
}

export interface TokenizerResult {
  /** The text and view these results are for. */
  text: string;
  view: ViewMode;
  /** The comparison sentence for the text. */
  summary: string;
  tokens: PerFamily<Tokenized>;
  /** The sample conversation's tokens, in the chat-template view. */
  chat: PerFamily<Tokenized> | null;
}

export interface TokenizerState {
  status: TokenizerStatus;
  text: string;
  view: ViewMode;
  /** The last download report while loading. */
  progress: LoadProgress | null;
  error: LoadErrorText | null;
  result: TokenizerResult | null;
  /** A tokenization failed after loading: the last results no longer match the text. */
  resultLost: boolean;
}

/** Pause after typing before tokenizing again, ms. */
export const TYPING_PAUSE_MS = 120;

export interface TokenizerSessionOptions {
  /** Called once, on the first load. */
  createClient: () => TokenizerClient;
  text: string;
  view: ViewMode;
  /** Whether the browser says it is offline; default navigator.onLine. */
  offline?: () => boolean;
}

/**
 * The reader is told in Chinese what went wrong; the browser's own English text (e.g. "Unexpected
 * token '<' … is not valid JSON" for an HTML page served instead of the file) goes under 技术细节.
 */
export function loadErrorMessage(error: unknown, offline = navigator.onLine === false): LoadErrorText {
  if (error instanceof TokenizerLoadError && error.reason === 'cancelled') {
    return { message: '已取消下载分词器。需要时点击“重试”重新开始（已下载完的文件不会重复下载）。', details: '' };
  }
  if (error instanceof TokenizerLoadError && error.reason === 'stalled') {
    return { message: `分词器文件下载卡住了：${DOWNLOAD_STALL_MS / 1000} 秒没有收到任何数据，已停止。请检查网络后点击“重试”。`, details: '' };
  }
  if (error instanceof TokenizerLoadError && error.reason === 'too-large') {
    return { message: '服务器返回的分词器文件比应有的大得多，已停止下载。请稍后点击“重试”；如果仍然失败，请刷新页面。', details: '' };
  }
  if (error instanceof TokenizerLoadError && error.reason === 'network' && offline) {
    return {
      message: '这台设备现在没有联网，而分词器文件还没有下载过（下载一次之后会保存在浏览器里，离线也能用）。请连上网络后点击“重试”。',
      details: error.message,
    };
  }
  if (error instanceof TokenizerLoadError && error.kind === 'download') {
    const reason = error.status ? `服务器返回 HTTP ${error.status}` : '网络连接出错';
    return { message: `分词器文件下载失败（${reason}）。请检查网络后点击“重试”。`, details: error.message };
  }
  const details = error instanceof Error ? error.message : String(error);
  const notJson = /JSON/.test(details);
  return {
    message: notJson
      ? '下载到的分词器文件内容不对，无法解析（多半是网络或服务器返回了一个网页）。请点击“重试”；如果仍然失败，请刷新页面。'
      : '分词器无法加载。请点击“重试”；如果仍然失败，请刷新页面。',
    details,
  };
}

/** A tokenization that failed after loading; the worker's own (English) text goes under 技术细节. */
export function tokenizeErrorMessage(error: unknown): LoadErrorText {
  return {
    message: '切分这段文字时出错了，没有得到结果。请点击“重试”；如果仍然出错，请刷新页面。',
    details: error instanceof Error ? error.message : String(error),
  };
}

export class TokenizerSession {
  private state: TokenizerState;
  private readonly listeners = new Set<(state: TokenizerState) => void>();
  private client: TokenizerClient | null = null;
  /** The sample conversation does not change: tokenized once. */
  private chatResults: PerFamily<Tokenized> | null = null;
  /** Counts tokenize requests: only the latest one's answer is shown. */
  private latestRequest = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: TokenizerSessionOptions) {
    this.state = { status: 'idle', text: options.text, view: options.view, progress: null, error: null, result: null, resultLost: false };
  }

  getState(): TokenizerState {
    return this.state;
  }

  subscribe(listener: (state: TokenizerState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The load button, and 重试 (which also retries a failed tokenization). */
  load(): void {
    if (this.state.status === 'loading' || this.state.status === 'ready') return;
    this.set({ status: 'loading', error: null, progress: null });
    this.client ??= this.options.createClient();
    this.client.load((progress) => this.set({ progress })).then(
      () => {
        this.set({ status: 'ready', progress: null });
        this.schedule(0);
      },
      (error: unknown) => {
        this.set({ status: 'failed', progress: null, error: loadErrorMessage(error, this.options.offline?.()) });
      },
    );
  }

  /** 取消下载: the load then fails as cancelled. */
  cancel(): void {
    this.client?.cancel();
  }

  /** The reader changed the text: the first change loads the tokenizers, later ones re-tokenize after a pause. */
  setText(text: string): void {
    this.set({ text });
    if (this.state.status === 'idle') this.load();
    else if (this.state.status === 'ready') this.schedule(TYPING_PAUSE_MS);
  }

  setView(view: ViewMode): void {
    this.set({ view });
    if (this.state.status === 'ready') this.schedule(0);
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tokenizeNow(), delay);
  }

  private async tokenizeNow(): Promise<void> {
    const client = this.client;
    if (!client) return;
    const requestId = ++this.latestRequest;
    const { text, view } = this.state;
    try {
      const textResults = await client.tokenize({ qwen: text, llama: text });
      if (view === 'chat' && !this.chatResults) this.chatResults = await client.tokenize(renderChats(SAMPLE_CONVERSATION));
      if (requestId !== this.latestRequest) return;
      const summary = comparisonSentence(textResults.qwen.ids.length, textResults.llama.ids.length);
      this.set({ result: { text, view, summary, tokens: textResults, chat: view === 'chat' ? this.chatResults : null }, resultLost: false });
    } catch (error) {
      if (requestId !== this.latestRequest) return;
      // 重试 loads again what the worker lost (nothing, if only this request failed), then tokenizes.
      this.set({ status: 'failed', result: null, resultLost: true, error: tokenizeErrorMessage(error) });
    }
  }

  private set(patch: Partial<TokenizerState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener(this.state);
  }
}
