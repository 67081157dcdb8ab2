/**
 * Capability result, model picker (family → model → build, with download estimate, VRAM and the
 * "已缓存" badge), the 加载 button and any notice. Builds the GPU cannot run are shown disabled
 * with the reason, so a reader without shader-f16 sees why there is no f16 build.
 */

import type { CatalogueEntry } from '../../catalogue';
import type { ChatSession, ChatState } from '../../session/chat-session';
import {
  buildFacts,
  buildLabel,
  defaultBuildFor,
  defaultBuildOfModel,
  pickerChoices,
  type FamilyChoice,
} from '../../session/model-picker';
import { button, element, setDisabled, setHidden, setText } from '../../ui/dom';
import { field } from '../../ui/field';
import type { CapabilityNotice } from '../../ui/capability-notice';
import type { ModelFamily } from '../../../lib/model-families';

export interface SetupPanel {
  element: HTMLElement;
  loadButton: HTMLButtonElement;
  update(state: ChatState): void;
}

export function createSetupPanel(session: ChatSession, id: string, capability: CapabilityNotice): SetupPanel {
  // Not a landmark: an article can hold several chat islands, and landmarks need unique names.
  // The picker's legend names this part.
  const root = element('div', 'chat-setup');

  const fieldset = element('fieldset', 'chat-picker');
  fieldset.append(element('legend', undefined, '选择模型'));

  const familySelect = element('select');
  const modelSelect = element('select');
  const buildSelect = element('select');
  const selects = element('div', 'chat-picker-fields');
  selects.append(
    field(`${id}-family`, '模型家族', familySelect),
    field(`${id}-model`, '模型与尺寸', modelSelect),
    field(`${id}-build`, '量化版本', buildSelect),
  );
  const facts = element('p', 'chat-build-facts');
  const factsText = element('span');
  const cachedBadge = element('span', 'chat-badge', '已缓存');
  cachedBadge.title = '这个模型的文件已经在浏览器缓存里，加载时不需要重新下载。';
  facts.append(factsText, ' ', cachedBadge);
  const unavailableNote = element('p', 'chat-picker-note');
  fieldset.append(selects, facts, unavailableNote);

  const loadButton = button('加载', 'button button-primary chat-load');
  const loadHint = element('p', 'chat-load-hint', '点击“加载”后才会开始下载；模型在你的设备上运行，对话内容不会发出去。');
  loadHint.id = `${id}-load-hint`;
  loadButton.setAttribute('aria-describedby', loadHint.id);
  const loadRow = element('div', 'chat-load-row');
  loadRow.append(loadButton, loadHint);

  const notice = element('p', 'chat-notice');
  root.append(capability.element, fieldset, loadRow, notice);

  let choices: FamilyChoice[] = [];
  let builtFor: ChatState['device'] = null;
  let shownSelection: string | null = null;

  const select = (entry: CatalogueEntry | null) => {
    if (entry !== null) session.selectModel(entry.id);
  };
  familySelect.addEventListener('change', () => {
    const device = session.getState().device;
    if (device !== null) select(defaultBuildFor(familySelect.value as ModelFamily, device, session.catalogue));
  });
  modelSelect.addEventListener('change', () => {
    const model = choices.flatMap((f) => f.models).find((m) => m.name === modelSelect.value);
    if (model !== undefined) select(defaultBuildOfModel(model));
  });
  buildSelect.addEventListener('change', () => session.selectModel(buildSelect.value));
  loadButton.addEventListener('click', () => void session.load());

  const fill = (target: HTMLSelectElement, options: { value: string; label: string; disabled: boolean }[]) => {
    target.replaceChildren(
      ...options.map(({ value, label, disabled }) => {
        const option = element('option', undefined, label);
        option.value = value;
        option.disabled = disabled;
        return option;
      }),
    );
  };

  function showSelection(entry: CatalogueEntry): void {
    const family = choices.find((f) => f.family === entry.family);
    const model = family?.models.find((m) => m.name === entry.displayName);
    if (family === undefined || model === undefined) return;
    familySelect.value = family.family;
    fill(
      modelSelect,
      family.models.map((m) => ({
        value: m.name,
        label: m.available ? m.name : `${m.name}（这台设备不可用）`,
        disabled: !m.available,
      })),
    );
    modelSelect.value = model.name;
    fill(
      buildSelect,
      model.builds.map((b) => ({
        value: b.entry.id,
        label: b.available ? buildLabel(b.entry) : `${buildLabel(b.entry)}（不可用：${b.reason}）`,
        disabled: !b.available,
      })),
    );
    buildSelect.value = entry.id;
    const reasons = [...new Set(model.builds.filter((b) => !b.available).map((b) => b.reason))];
    setText(
      unavailableNote,
      reasons.length === 0 ? '' : `部分版本不可选：${reasons.join('；')}。`,
    );
  }

  function update(state: ChatState): void {
    const ok = state.capability?.ok === true;
    capability.update(state.capability);
    setHidden(fieldset, !ok);
    setHidden(loadRow, !ok);

    if (ok && state.device !== builtFor && state.device !== null) {
      builtFor = state.device;
      choices = pickerChoices(state.device, session.catalogue);
      fill(
        familySelect,
        choices.map((f) => ({ value: f.family, label: f.label, disabled: !f.available })),
      );
      shownSelection = null;
    }
    const entry = session.selectedEntry;
    if (entry !== null && entry.id !== shownSelection) {
      shownSelection = entry.id;
      showSelection(entry);
    }
    if (entry !== null) setText(factsText, buildFacts(entry, state.turns));
    setHidden(cachedBadge, entry === null || !state.cachedModelIds.has(entry.id));

    const busy = state.status === 'loading' || state.status === 'generating';
    for (const control of [familySelect, modelSelect, buildSelect]) setDisabled(control, busy);
    const loaded = state.loadedModelId !== null && state.loadedModelId === state.selectedModelId;
    setDisabled(loadButton, loaded || !session.canLoad);
    setText(loadButton, loaded ? '已加载' : '加载');

    const showNotice = state.notice !== null && state.status !== 'loading';
    setHidden(notice, !showNotice);
    setText(notice, state.notice ?? '');
  }

  return { element: root, loadButton, update };
}
