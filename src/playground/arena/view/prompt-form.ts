/**
 * The round's inputs — one prompt, one system prompt, one set of sampling settings and one seed
 * for both sides — and the round's buttons. Enter starts the round and Shift+Enter starts a new
 * line, except while an input method is composing (isImeEnter in ui/field.ts).
 */

import { MODEL_FAMILIES } from '../../../lib/model-families';
import { button, element, setDisabled, setHidden, setText } from '../../ui/dom';
import { isImeEnter } from '../../ui/field';
import { createSamplingFields } from '../../ui/sampling-fields';
import { type ArenaSession, type ArenaSettings, type ArenaState } from '../arena-session';
import { ARENA_PRESETS } from '../presets';
import { shareStateOf } from '../share-url';
import { createShareLink, type ShareOptions } from './share-link';

export interface PromptForm {
  element: HTMLElement;
  textarea: HTMLTextAreaElement;
  stopAllButton: HTMLButtonElement;
  update(state: ArenaState, readOnly?: boolean): void;
  destroy(): void;
}

const MODE_HINTS = {
  together: '两个模型同时生成、共用一块显卡，所以各自的速度会比单独运行时低一些；两边受到的影响相同。',
  'one-after-another': '两个模型轮流回答：先模型 A，卸载后再加载模型 B。每一轮都要重新加载（从浏览器缓存读取），会慢一些，但速度数字不受另一个模型干扰。',
} as const;

const SETTINGS_SUMMARY = '对比设置：系统提示词、温度、top_p、最大长度、随机种子（两边相同）';

export function createPromptForm(arena: ArenaSession, id: string, share: ShareOptions): PromptForm {
  const root = element('div', 'arena-form chat-composer');

  const presets = element('div', 'chat-presets arena-presets');
  presets.setAttribute('role', 'group');
  presets.setAttribute('aria-label', '示例提示词（文章第 6、9 节的例子，各有中文和英文）');
  presets.append(element('span', 'chat-presets-label', '示例：'));
  for (const preset of ARENA_PRESETS) {
    for (const [language, text] of [['中文', preset.zh], ['English', preset.en]] as const) {
      const presetButton = button(`${preset.label} · ${language}`, 'button chat-preset');
      presetButton.dataset.preset = `${preset.id}-${language === '中文' ? 'zh' : 'en'}`;
      presetButton.addEventListener('click', () => {
        arena.setDraft(text);
        textarea.focus();
      });
      presets.append(presetButton);
    }
  }

  const fields = createSamplingFields(id, {
    summary: SETTINGS_SUMMARY,
    systemHint: '留空时两边各用模型自带的默认设定。',
    seedPlaceholder: '不填则每轮随机抽一个',
    onCommit: (patch) => commit(patch),
  });
  const settings = fields.element;
  settings.append(
    element(
      'p',
      'chat-settings-note',
      '两边用完全相同的设置和随机种子。默认的温度和 top_p 取两家推荐值的中间，不偏向任何一方。Qwen3 的“思考”模式在这里关闭，因为 Llama 没有这种模式。',
    ),
  );

  const label = element('label', 'chat-field-label', '提示词（同时发给两个模型）');
  label.htmlFor = `${id}-prompt`;
  const textarea = element('textarea', 'chat-prompt arena-prompt');
  textarea.id = `${id}-prompt`;
  textarea.rows = 3;
  textarea.placeholder = '输入问题，或点上面的示例……';
  const hint = element('p', 'chat-field-hint', '按 Enter 开始对比，Shift+Enter 换行。');
  hint.id = `${id}-prompt-hint`;
  textarea.setAttribute('aria-describedby', hint.id);

  const startButton = button('开始对比', 'button button-primary arena-start');
  const stopAllButton = button('全部停止');
  const regenerateButton = button('重新生成');
  const newRoundButton = button('新一轮');
  const actions = element('div', 'chat-composer-actions');
  actions.append(startButton, stopAllButton, regenerateButton, newRoundButton);
  const modeHint = element('p', 'chat-field-hint arena-mode-hint');
  const roundLine = element('p', 'arena-round-line');
  const shareLink = createShareLink(share);

  root.append(presets, settings, label, textarea, hint, actions, modeHint, roundLine, shareLink.element);

  textarea.addEventListener('input', () => arena.setDraft(textarea.value));
  textarea.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.shiftKey || isImeEnter(event)) return;
    event.preventDefault();
    void arena.start();
  });
  startButton.addEventListener('click', () => void arena.start());
  stopAllButton.addEventListener('click', () => arena.stopAll());
  regenerateButton.addEventListener('click', () => void arena.regenerate());
  newRoundButton.addEventListener('click', () => {
    void arena.newRound();
    textarea.focus();
  });

  let shown: ArenaSettings | null = null;
  function show(values: ArenaSettings, force: boolean): void {
    shown = values;
    fields.show(values, force);
  }
  const commit = (patch: Partial<ArenaSettings>) => {
    arena.updateSettings(patch);
    show(arena.getState().settings, true);
  };

  /** readOnly: this device cannot run the models; only the settings show, disabled. */
  function update(state: ArenaState, readOnly = false): void {
    fields.setReadOnly(readOnly);
    for (const part of [presets, label, textarea, hint, actions, modeHint, roundLine, shareLink.element]) setHidden(part, readOnly);
    if (state.settings !== shown) show(state.settings, false);
    if (textarea.value !== state.draft) textarea.value = state.draft;
    const narrowest = Math.min(...MODEL_FAMILIES.map((family) => arena.entry(family)?.contextWindow ?? Infinity));
    if (Number.isFinite(narrowest)) fields.maxTokens.max = String(narrowest);

    setDisabled(startButton, !arena.canStart);
    setDisabled(stopAllButton, !state.running);
    setDisabled(regenerateButton, !arena.canRegenerate);
    setDisabled(newRoundButton, state.running || (state.round === null && state.draft === ''));
    const mode = arena.plan?.mode;
    setText(modeHint, mode === undefined ? '' : MODE_HINTS[mode]);

    const round = state.round;
    setText(
      roundLine,
      round === null
        ? ''
        : `本轮设置（两边相同）：temperature ${round.sampling.temperature} · top_p ${round.sampling.top_p} · 最多 ${round.sampling.max_tokens} token · 随机种子 ${round.sampling.seed}`,
    );
    if (state.status === 'ready') shareLink.update(shareStateOf(arena.toShared()));
  }

  return { element: root, textarea, stopAllButton, update, destroy: shareLink.destroy };
}
