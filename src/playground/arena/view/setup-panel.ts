/**
 * Which two builds to compare: a size-matched pair, or any Qwen and any Llama build, with the
 * combined download (an estimate, hence 约) and VRAM, and how the pair will be run — both models
 * at once, or one after the other when together they would not fit — and why.
 */

import { buildLabel, FAMILY_LABELS, pickerChoices } from '../../session/model-picker';
import { button, element, setDisabled, setHidden, setText } from '../../ui/dom';
import { field } from '../../ui/field';
import type { CapabilityNotice } from '../../ui/capability-notice';
import { mountDownloadPlan } from '../../downloads/view/download-plan';
import { type ArenaSession, type ArenaState } from '../arena-session';
import type { SuggestedPair } from '../pairs';
import { MODEL_FAMILIES, type ModelFamily } from '../../../lib/model-families';

export interface SetupPanel {
  element: HTMLElement;
  loadButton: HTMLButtonElement;
  update(state: ArenaState): void;
}

const MODE_LABELS = {
  together: '加载方式：两个模型同时加载、同时回答。',
  'one-after-another': '加载方式：依次加载，一个回答完、卸载后再加载另一个。',
} as const;

export function createSetupPanel(arena: ArenaSession, id: string, capability: CapabilityNotice): SetupPanel {
  const root = element('div', 'arena-setup');

  const fieldset = element('fieldset', 'chat-picker');
  fieldset.append(element('legend', undefined, '选择要对比的两个模型'));
  const pairSelect = element('select');
  const modelSelects: Record<ModelFamily, HTMLSelectElement> = { qwen: element('select'), llama: element('select') };
  const selects = element('div', 'chat-picker-fields');
  selects.append(
    field(`${id}-qwen`, FAMILY_LABELS.qwen, modelSelects.qwen),
    field(`${id}-llama`, FAMILY_LABELS.llama, modelSelects.llama),
  );
  const downloadPlan = element('div', 'arena-download-plan');
  const cacheNote = element('p', 'chat-field-hint', '是否已下载到本机，要在点击“加载”或“开始对比”后才能检查。');
  const vram = element('p', 'arena-plan-vram');
  const mode = element('p', 'arena-plan-mode');
  const modeLabel = element('strong');
  const modeReason = element('span');
  mode.append(modeLabel, ' ', modeReason);
  fieldset.append(
    field(`${id}-pair`, '推荐组合（尺寸相近、量化相同）', pairSelect),
    selects,
    downloadPlan,
    cacheNote,
    vram,
    mode,
  );

  const blind = element('input');
  blind.type = 'checkbox';
  const blindLabel = element('label', 'chat-checkbox');
  blindLabel.append(blind, ' 盲测：两边只标“模型 A / 模型 B”，随机分配，投票后才揭晓是哪个模型');

  const loadButton = button('加载', 'button button-primary arena-load');
  const loadHint = element('p', 'chat-load-hint');
  loadHint.id = `${id}-load-hint`;
  loadButton.setAttribute('aria-describedby', loadHint.id);
  const loadRow = element('div', 'chat-load-row');
  loadRow.append(loadButton, loadHint);

  root.append(capability.element, fieldset, blindLabel, loadRow);

  const plan = mountDownloadPlan(downloadPlan, {
    ...(arena.backend.downloads === undefined ? {} : { files: arena.backend.downloads }),
    engine: {
      // Asking the cache needs an engine, and creating one before 加载 would start web-llm.
      isCached: (modelId) => {
        const started = MODEL_FAMILIES.map((family) => arena.sides[family].engine).find((engine) => engine.started);
        return started === undefined ? Promise.resolve(false) : started.isCached(modelId);
      },
    },
  });

  let pairs: SuggestedPair[] = [];
  let builtFor: ArenaState['device'] = null;
  let shownPlan = '';

  pairSelect.addEventListener('change', () => {
    const pair = pairs[Number(pairSelect.value)];
    if (pair !== undefined) arena.selectPair(pair);
  });
  for (const family of MODEL_FAMILIES) {
    modelSelects[family].addEventListener('change', () => arena.selectModel(family, modelSelects[family].value));
  }
  blind.addEventListener('change', () => arena.setBlind(blind.checked));
  loadButton.addEventListener('click', () => void arena.load());

  function fillPickers(state: ArenaState): void {
    const device = state.device;
    if (device === null || device === builtFor) return;
    builtFor = device;
    pairs = arena.backend.pairs(device);
    pairSelect.replaceChildren(
      ...pairs.map((pair, index) => {
        const option = element('option', undefined, pair.label);
        option.value = String(index);
        return option;
      }),
      Object.assign(element('option', undefined, '自选（在下面分别选择）'), { value: '' }),
    );
    for (const family of pickerChoices(device, arena.backend.catalogue)) {
      modelSelects[family.family].replaceChildren(
        ...family.models.map((model) => {
          const group = element('optgroup');
          group.label = model.name;
          group.append(
            ...model.builds.map(({ entry, available, reason }) => {
              const option = element('option', undefined, available ? buildLabel(entry) : `${buildLabel(entry)}（不可用：${reason}）`);
              option.value = entry.id;
              option.disabled = !available;
              return option;
            }),
          );
          return group;
        }),
      );
    }
  }

  function update(state: ArenaState): void {
    const ok = state.capability?.ok === true;
    capability.update(state.capability);
    for (const part of [fieldset, blindLabel, loadRow]) setHidden(part, !ok);
    if (!ok) return;
    fillPickers(state);

    const qwen = arena.entry('qwen');
    const llama = arena.entry('llama');
    if (qwen !== null) modelSelects.qwen.value = qwen.id;
    if (llama !== null) modelSelects.llama.value = llama.id;
    const pairIndex = pairs.findIndex((pair) => pair.qwen.id === qwen?.id && pair.llama.id === llama?.id);
    pairSelect.value = pairIndex === -1 ? '' : String(pairIndex);

    const pairPlan = arena.plan;
    setText(vram, pairPlan === null ? '' : arena.backend.describeMemory(pairPlan));
    setText(modeLabel, pairPlan === null ? '' : MODE_LABELS[pairPlan.mode]);
    setText(modeReason, pairPlan?.reason ?? '');

    const started = MODEL_FAMILIES.some((family) => arena.sides[family].engine.started);
    setHidden(cacheNote, started);
    const loaded = MODEL_FAMILIES.map((family) => arena.sides[family].session.getState().loadedModelId ?? '');
    const planKey = [qwen?.id, llama?.id, started, ...loaded].join('|');
    if (qwen !== null && llama !== null && planKey !== shownPlan) {
      shownPlan = planKey;
      plan.show([qwen.id, llama.id]).catch(() => undefined);
    }

    const busy = state.running || arena.anySideBusy;
    for (const control of [pairSelect, modelSelects.qwen, modelSelects.llama, blind]) setDisabled(control, busy);
    blind.checked = state.blind;

    const together = pairPlan?.mode === 'together';
    setHidden(loadButton, !together);
    setText(loadButton, MODEL_FAMILIES.every((family) => arena.hasModelLoaded(family)) ? '已加载' : '加载');
    setDisabled(loadButton, !arena.canLoad);
    setText(
      loadHint,
      together
        ? '点击“加载”（或直接“开始对比”）后才会开始下载；模型在你的设备上运行，提示词和回答不会发出去。'
        : '这一组不预先加载：点击“开始对比”后才依次下载、加载；模型在你的设备上运行，提示词和回答不会发出去。',
    );
  }

  return { element: root, loadButton, update };
}
