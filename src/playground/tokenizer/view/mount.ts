/**
 * The tokenizer island. Mounting builds the interface only; the tokenizer files are downloaded when
 * the reader presses the load button or starts changing the text, and tokenizing happens in a worker.
 */
import { TOKENIZER_URLS } from '../assets.ts';
import { createTokenizerClient } from '../client.ts';
import { FAMILIES } from '../families.ts';
import { PRESETS } from '../presets.ts';
import { TokenizerSession, type TokenizerState } from '../tokenizer-session.ts';
import { readSharedState, shareStateOf, type ViewMode } from '../url-state.ts';
import { element } from '../../ui/dom.ts';
import { createInputView } from './input-view.ts';
import { createLoaderView } from './loader-view.ts';
import { createModeView } from './mode-view.ts';
import { createPanelView } from './panel-view.ts';
import { createShareView } from './share-view.ts';
import { createSummaryView } from './summary-view.ts';

const number = (value: string | undefined) => {
  const parsed = Number(value);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : 0;
};

export function mount(root: HTMLElement): void {
  const data = root.dataset;
  const syncUrl = data.syncUrl === 'true';
  const shared = syncUrl ? readSharedState(location.search) : { text: null, view: 'spans' as ViewMode };
  const session = new TokenizerSession({
    createClient: () =>
      createTokenizerClient({
        qwen: { url: TOKENIZER_URLS.qwen, bytes: number(data.bytesQwen) },
        llama: { url: TOKENIZER_URLS.llama, bytes: number(data.bytesLlama) },
      }),
    text: shared.text ?? PRESETS[0]!.text,
    view: shared.view,
  });

  const loader = createLoaderView(
    { qwenBytes: number(data.bytesQwen), llamaBytes: number(data.bytesLlama), gzipBytes: number(data.gzipBytes) },
    () => session.load(),
    () => session.cancel(),
  );
  const input = createInputView(session.getState().text, (text) => session.setText(text));
  const modes = createModeView(session.getState().view, (mode) => session.setView(mode));
  const share = createShareView(syncUrl, data.shareHref ?? '/', shareStateOf(session.getState().text, session.getState().view));
  const summary = createSummaryView();
  const level = Number(data.headingLevel);
  const headingLevel = level === 2 || level === 3 || level === 5 ? level : 4;
  const panels = { qwen: createPanelView('qwen', headingLevel), llama: createPanelView('llama', headingLevel) };
  const chatNote = element(
    'p',
    'tok-chat-note',
    '对话模板视图显示一段固定的示例对话（1 条系统消息、2 条用户消息、1 条助手回复）按各自格式拼成的提示词，特殊 token 加粗并加框。上面的句子仍然比较文本框里的文字。',
  );
  const results = element('div', 'tok-results');
  results.append(panels.qwen.element, panels.llama.element);
  const clearPanels = (message: string) => FAMILIES.forEach((family) => panels[family].clear(message));
  clearPanels('加载分词器后，这里会显示切分结果。');

  let shown: TokenizerState | null = null;
  function render(state: TokenizerState): void {
    const before = shown;
    shown = state;
    chatNote.hidden = state.view !== 'chat';
    if (before?.text !== state.text || before.view !== state.view) share.update(shareStateOf(state.text, state.view));
    if (state.status === 'loading' && state.progress !== null && state.progress !== before?.progress) loader.showProgress(state.progress);
    if (state.error !== null && state.error !== before?.error) loader.showError(state.error);
    if (state.status === 'ready' && before?.status !== 'ready') loader.showReady();
    if (state.result !== null && state.result !== before?.result) {
      const { result } = state;
      summary.set(result.summary);
      for (const family of FAMILIES) {
        if (result.view !== 'chat') panels[family].renderText(result.text, result.tokens[family], result.view);
        else if (result.chat) panels[family].renderChat(result.chat[family]);
      }
    }
    if (state.resultLost && !before?.resultLost) {
      summary.set('');
      clearPanels('没有切分结果：见上方的错误说明。');
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
  session.subscribe(render);
  render(session.getState());
  root.replaceChildren(island);
  root.hidden = false;
}
