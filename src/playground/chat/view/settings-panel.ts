/**
 * System prompt and sampling settings, collapsed by default. Values are committed on `change`
 * (not every keystroke) and clamped by the session; a field being edited is never overwritten.
 */

import type { ChatSession, ChatSettings, ChatState } from '../../session/chat-session';
import { supportsThinking } from '../../session/model-picker';
import { element, setDisabled, setHidden } from '../../ui/dom';
import { createSamplingFields } from '../../ui/sampling-fields';

export interface SettingsPanel {
  element: HTMLElement;
  /** readOnly: this device cannot run the models; the settings are shown for what they are. */
  update(state: ChatState, readOnly?: boolean): void;
}

const SUMMARY = '对话设置：系统提示词、温度、top_p、最大长度、随机种子';

export function createSettingsPanel(session: ChatSession, id: string): SettingsPanel {
  const fields = createSamplingFields(id, {
    summary: SUMMARY,
    systemHint: '留空时使用模型自带的默认设定。',
    seedPlaceholder: '不填则每次随机',
    onCommit: (patch) => commit(patch),
  });
  const thinking = element('input');
  thinking.type = 'checkbox';
  thinking.id = `${id}-thinking`;
  const thinkingLabel = element('label', 'chat-checkbox');
  thinkingLabel.append(thinking, ' 让 Qwen3 先思考再回答（会显示思考过程，回答更慢）');

  const note = element(
    'p',
    'chat-settings-note',
    '温度和 top_p 的默认值是所选模型的推荐值，换模型时会恢复默认。固定随机种子并保持其他设置不变，同一个问题会得到同样的回答。',
  );
  const root = fields.element;
  root.append(thinkingLabel, note);

  let shown: ChatSettings | null = null;

  /** `force` after the reader commits a field: show the clamped value even though it has focus. */
  function show(settings: ChatSettings, force: boolean): void {
    shown = settings;
    fields.show(settings, force);
    thinking.checked = settings.enableThinking;
  }

  const commit = (patch: Partial<ChatSettings>) => {
    session.updateSettings(patch);
    show(session.getState().settings, true);
  };
  thinking.addEventListener('change', () => commit({ enableThinking: thinking.checked }));

  function update(state: ChatState, readOnly = false): void {
    fields.setReadOnly(readOnly);
    setDisabled(thinking, readOnly);
    const entry = session.selectedEntry;
    setHidden(thinkingLabel, entry === null || !supportsThinking(entry));
    if (entry !== null) fields.maxTokens.max = String(entry.contextWindow);
    if (state.settings !== shown) show(state.settings, false);
  }

  return { element: root, update };
}
