/**
 * The tokenizer island. Mounting builds the interface only; the tokenizer files are downloaded when
 * the reader presses the load button or starts changing the text, and tokenizing happens in a worker.
 */
import './tokenizer.css';
import { TOKENIZER_URLS } from '../assets.ts';
import { SAMPLE_CONVERSATION, renderChats } from '../chat-template.ts';
import { createTokenizerClient, TokenizerLoadError, type TokenizerClient } from '../client.ts';
import { DOWNLOAD_STALL_MS } from '../download.ts';
import { FAMILIES, type PerFamily } from '../families.ts';
import { PRESETS } from '../presets.ts';
import type { Tokenized } from '../protocol.ts';
import { comparisonSentence } from '../summary.ts';
import { readSharedState, shareStateOf, type ViewMode } from '../url-state.ts';
import { element } from '../../ui/dom.ts';
import { createInputView } from './input-view.ts';
import { createLoaderView, type LoadErrorText } from './loader-view.ts';
import { createModeView } from './mode-view.ts';
import { createPanelView } from './panel-view.ts';
import { createShareView } from './share-view.ts';
import { createSummaryView } from './summary-view.ts';

type Status = 'idle' | 'loading' | 'ready' | 'failed';

const number = (value: string | undefined) => {
  const parsed = Number(value);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : 0;
};

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

export function mount(root: HTMLElement): void {
  const data = root.dataset;
  const syncUrl = data.syncUrl === 'true';
  const shared = syncUrl ? readSharedState(location.search) : { text: null, view: 'spans' as ViewMode };
  let view: ViewMode = shared.view;
  let status: Status = 'idle';
  let client: TokenizerClient | null = null;
  let chatResults: PerFamily<Tokenized> | null = null;
  let latestRequest = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const loader = createLoaderView(
    { qwenBytes: number(data.bytesQwen), llamaBytes: number(data.bytesLlama), gzipBytes: number(data.gzipBytes) },
    () => startLoading(),
    () => client?.cancel(),
  );
  const input = createInputView(shared.text ?? PRESETS[0]!.text, () => {
    share.update(shareStateOf(input.text(), view));
    if (status === 'idle') startLoading();
    else if (status === 'ready') scheduleTokenize(120);
  });
  const modes = createModeView(view, (mode) => {
    view = mode;
    chatNote.hidden = view !== 'chat';
    share.update(shareStateOf(input.text(), view));
    if (status === 'ready') scheduleTokenize(0);
  });
  const share = createShareView(syncUrl, data.shareHref ?? '/', shareStateOf(input.text(), view));
  const summary = createSummaryView();
  const level = Number(data.headingLevel);
  const headingLevel = level === 2 || level === 3 || level === 5 ? level : 4;
  const panels = { qwen: createPanelView('qwen', headingLevel), llama: createPanelView('llama', headingLevel) };
  const chatNote = element(
    'p',
    'tok-chat-note',
    '对话模板视图显示一段固定的示例对话（1 条系统消息、2 条用户消息、1 条助手回复）按各自格式拼成的提示词，特殊 token 加粗并加框。上面的句子仍然比较文本框里的文字。',
  );
  chatNote.hidden = view !== 'chat';
  const results = element('div', 'tok-results');
  results.append(panels.qwen.element, panels.llama.element);
  const clearPanels = (message: string) => FAMILIES.forEach((family) => panels[family].clear(message));
  clearPanels('加载分词器后，这里会显示切分结果。');

  function startLoading(): void {
    if (status === 'loading' || status === 'ready') return;
    status = 'loading';
    client ??= createTokenizerClient({
      qwen: { url: TOKENIZER_URLS.qwen, bytes: number(data.bytesQwen) },
      llama: { url: TOKENIZER_URLS.llama, bytes: number(data.bytesLlama) },
    });
    client
      .load((progress) => loader.showProgress(progress))
      .then(
        () => {
          status = 'ready';
          loader.showReady();
          scheduleTokenize(0);
        },
        (error: unknown) => {
          status = 'failed';
          loader.showError(loadErrorMessage(error));
        },
      );
  }

  function scheduleTokenize(delay: number): void {
    clearTimeout(timer);
    timer = setTimeout(() => void tokenizeNow(), delay);
  }

  async function tokenizeNow(): Promise<void> {
    if (!client) return;
    const requestId = ++latestRequest;
    const text = input.text();
    const mode = view;
    try {
      const textResults = await client.tokenize({ qwen: text, llama: text });
      if (mode === 'chat' && !chatResults) chatResults = await client.tokenize(renderChats(SAMPLE_CONVERSATION));
      if (requestId !== latestRequest) return;
      summary.set(comparisonSentence(textResults.qwen.ids.length, textResults.llama.ids.length));
      for (const family of FAMILIES) {
        if (mode === 'chat' && chatResults) panels[family].renderChat(chatResults[family]);
        else if (mode !== 'chat') panels[family].renderText(text, textResults[family], mode);
      }
    } catch (error) {
      if (requestId !== latestRequest) return;
      // 重试 loads again what the worker lost (nothing, if only this request failed), then tokenizes.
      status = 'failed';
      summary.set('');
      clearPanels('没有切分结果：见上方的错误说明。');
      loader.showError(tokenizeErrorMessage(error));
    }
  }

  // Serving Meta's tokenizer file is distributing Llama Materials: its licence asks for a copy of
  // the licence with them (served by this site), this notice, and "Built with Meta Llama 3".
  const licence = element('p', 'tok-licence');
  const licenceLink = element('a', undefined, 'Meta Llama 3 Community License');
  licenceLink.href = data.llamaLicenceHref ?? 'https://github.com/meta-llama/llama3/blob/main/LICENSE';
  licence.append(
    'Llama 3 的分词器文件（tokenizer.json）依 ',
    licenceLink,
    '（许可协议全文）提供：Built with Meta Llama 3. Meta Llama 3 is licensed under the Meta Llama 3 Community License, Copyright © Meta Platforms, Inc. All Rights Reserved. Qwen 的分词器文件依 Apache-2.0 许可提供。',
  );

  const island = element('div', 'tok-island');
  island.append(
    element('p', 'tok-intro', '用 Qwen 和 Llama 3 各自真实的分词器切分同一段文字，看看同样的内容各要多少个 token。'),
    loader.element,
    input.element,
    modes.element,
    summary.element,
    chatNote,
    results,
    share.element,
    licence,
  );
  share.update(shareStateOf(input.text(), view));
  root.replaceChildren(island);
  root.hidden = false;
}
