/**
 * System prompt and sampling settings, collapsed by default. Values are committed on `change`
 * (not every keystroke) and clamped by the session; a field being edited is never overwritten.
 */

import type { ChatSession, ChatSettings, ChatState } from '../chat-session';
import { SETTING_LIMITS } from '../chat-session';
import { supportsThinking } from '../model-picker';
import { element, setHidden, writeField } from '../../dom';
import { field } from './dom';

export interface SettingsPanel {
  element: HTMLElement;
  update(state: ChatState): void;
}

function numberInput(min: number, max: number | undefined, step: string): HTMLInputElement {
  const input = element('input');
  input.type = 'number';
  input.inputMode = step === '1' ? 'numeric' : 'decimal';
  input.min = String(min);
  if (max !== undefined) input.max = String(max);
  input.step = step;
  return input;
}

export function createSettingsPanel(session: ChatSession, id: string): SettingsPanel {
  const root = element('details', 'chat-settings');
  root.append(element('summary', undefined, '对话设置：系统提示词、温度、top_p、最大长度、随机种子'));

  const systemPrompt = element('textarea', 'chat-system-prompt');
  systemPrompt.rows = 2;
  systemPrompt.placeholder = '可以不填。例如：你是一家电子产品网店的客服，回答要简洁、礼貌。';
  const temperature = numberInput(SETTING_LIMITS.temperature.min, SETTING_LIMITS.temperature.max, '0.05');
  const topP = numberInput(SETTING_LIMITS.topP.min, SETTING_LIMITS.topP.max, '0.05');
  const maxTokens = numberInput(SETTING_LIMITS.maxTokens.min, undefined, '1');
  const seed = numberInput(SETTING_LIMITS.seed.min, SETTING_LIMITS.seed.max, '1');
  seed.placeholder = '不填则每次随机';
  const thinking = element('input');
  thinking.type = 'checkbox';
  thinking.id = `${id}-thinking`;
  const thinkingLabel = element('label', 'chat-checkbox');
  thinkingLabel.append(thinking, ' 让 Qwen3 先思考再回答（会显示思考过程，回答更慢）');

  const numbers = element('div', 'chat-settings-numbers');
  numbers.append(
    field(`${id}-temperature`, '温度 temperature', temperature),
    field(`${id}-top-p`, 'top_p', topP),
    field(`${id}-max-tokens`, '最大生成长度（词元）', maxTokens),
    field(`${id}-seed`, '随机种子 seed', seed),
  );
  const note = element(
    'p',
    'chat-settings-note',
    '温度和 top_p 的默认值是所选模型的推荐值，换模型时会恢复默认。固定随机种子并保持其他设置不变，同一个问题会得到同样的回答。',
  );
  root.append(
    field(`${id}-system`, '系统提示词（system）', systemPrompt, '留空时使用模型自带的默认设定。'),
    numbers,
    thinkingLabel,
    note,
  );

  let shown: ChatSettings | null = null;

  /** `force` after the reader commits a field: show the clamped value even though it has focus. */
  function show(settings: ChatSettings, force: boolean): void {
    shown = settings;
    const write = (input: HTMLInputElement | HTMLTextAreaElement, value: string) => writeField(input, value, force);
    write(systemPrompt, settings.systemPrompt);
    write(temperature, String(settings.temperature));
    write(topP, String(settings.topP));
    write(maxTokens, String(settings.maxTokens));
    write(seed, settings.seed === null ? '' : String(settings.seed));
    thinking.checked = settings.enableThinking;
  }

  const commit = (patch: Partial<ChatSettings>) => {
    session.updateSettings(patch);
    show(session.getState().settings, true);
  };
  systemPrompt.addEventListener('change', () => commit({ systemPrompt: systemPrompt.value }));
  temperature.addEventListener('change', () => commit({ temperature: temperature.valueAsNumber }));
  topP.addEventListener('change', () => commit({ topP: topP.valueAsNumber }));
  maxTokens.addEventListener('change', () => commit({ maxTokens: maxTokens.valueAsNumber }));
  seed.addEventListener('change', () => commit({ seed: seed.value.trim() === '' ? null : seed.valueAsNumber }));
  thinking.addEventListener('change', () => commit({ enableThinking: thinking.checked }));

  function update(state: ChatState): void {
    const entry = session.selectedEntry;
    setHidden(thinkingLabel, entry === null || !supportsThinking(entry));
    if (entry !== null) maxTokens.max = String(entry.contextWindow);
    if (state.settings !== shown) show(state.settings, false);
  }

  return { element: root, update };
}
