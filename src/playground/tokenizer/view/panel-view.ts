/** One tokenizer's column: its name, its numbers, and the current view of its tokens. */
import { FAMILY_INFO, type Family } from '../families.ts';
import type { Tokenized } from '../protocol.ts';
import { formatInteger, formatRatio, textStats } from '../stats.ts';
import type { ViewMode } from '../url-state.ts';
import { element, uniqueId } from '../../ui/dom.ts';
import { createIdsView } from './ids-view.ts';
import { createTokenListView } from './token-list-view.ts';

export interface PanelView {
  element: HTMLElement;
  renderText(text: string, result: Tokenized, mode: Exclude<ViewMode, 'chat'>): void;
  renderChat(result: Tokenized): void;
  clear(message: string): void;
}

function stat(list: HTMLDListElement, term: string): HTMLElement {
  const value = element('dd');
  list.append(element('dt', undefined, term), value);
  return value;
}

export function createPanelView(family: Family, headingLevel: 2 | 3 | 4 | 5 = 4): PanelView {
  const info = FAMILY_INFO[family];
  const panel = element('section', `tok-panel tok-panel-${family}`);
  const headingId = uniqueId(`tok-panel-${family}`);
  panel.setAttribute('aria-labelledby', headingId);
  panel.dataset.family = family;
  const heading = element(`h${headingLevel}`, 'tok-panel-title', info.label);
  heading.id = headingId;
  const models = element('p', 'tok-panel-models', info.models);
  const stats = element('dl', 'tok-stats');
  const tokens = stat(stats, 'token 数');
  const second = stat(stats, '字符/token');
  const third = stat(stats, '字节/token');
  const secondTerm = second.previousElementSibling as HTMLElement;
  const thirdTerm = third.previousElementSibling as HTMLElement;
  tokens.dataset.stat = 'tokens';
  const placeholder = element('p', 'tok-placeholder');
  const caption = element('p', 'tok-caption');
  const list = createTokenListView();
  const ids = createIdsView();
  panel.append(heading, models, stats, caption, placeholder, list.element, ids.element);

  const showOnly = (part: 'placeholder' | 'list' | 'ids') => {
    placeholder.hidden = part !== 'placeholder';
    list.element.hidden = part !== 'list';
    ids.element.hidden = part !== 'ids';
    stats.hidden = part === 'placeholder';
  };

  return {
    element: panel,
    renderText(text, result, mode) {
      const numbers = textStats(text, result.ids.length);
      tokens.textContent = formatInteger(numbers.tokens);
      secondTerm.textContent = '字符/token';
      second.textContent = formatRatio(numbers.charactersPerToken);
      thirdTerm.textContent = '字节/token';
      third.textContent = formatRatio(numbers.bytesPerToken);
      caption.hidden = true;
      if (mode === 'ids') {
        ids.render(result.ids, `${info.label} 的 token id`);
        showOnly('ids');
      } else {
        list.render(result.units, `${info.label} 的切分结果，共 ${formatInteger(result.ids.length)} 个 token`);
        showOnly('list');
      }
    },
    renderChat(result) {
      tokens.textContent = formatInteger(result.ids.length);
      secondTerm.textContent = '其中特殊 token';
      second.textContent = formatInteger(result.specialCount);
      thirdTerm.textContent = '其中文字 token';
      third.textContent = formatInteger(result.ids.length - result.specialCount);
      caption.hidden = false;
      caption.textContent =
        family === 'qwen'
          ? 'Qwen 用 ChatML 格式：每条消息包在 <|im_start|>角色 … <|im_end|> 里，最后留一个 <|im_start|>assistant 等模型续写。'
          : 'Llama 3 以 <|begin_of_text|> 开头，每条消息是 <|start_header_id|>角色<|end_header_id|>、空行、内容、<|eot_id|>，最后留助手的消息头。';
      list.render(result.units, `${info.label} 对话格式的切分结果，共 ${formatInteger(result.ids.length)} 个 token`);
      showOnly('list');
    },
    clear(message) {
      placeholder.textContent = message;
      caption.hidden = true;
      showOnly('placeholder');
    },
  };
}
