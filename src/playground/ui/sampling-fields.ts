/**
 * The settings disclosure — system prompt and sampling fields, collapsed under a summary — shared
 * by the chat's settings and the arena's round settings. Values are committed on `change` (not every keystroke) and clamped by the owner's
 * store; a field being edited is never overwritten (writeField).
 */

import { SETTING_LIMITS } from '../session/chat-session';
import { element, setDisabled, setText, writeField } from './dom';
import { field } from './field';

export interface SamplingValues {
  systemPrompt: string;
  temperature: number;
  topP: number;
  maxTokens: number;
  seed: number | null;
}

export interface SamplingFieldsOptions {
  /** The disclosure's summary line, naming what is inside. */
  summary: string;
  systemHint: string;
  seedPlaceholder: string;
  onCommit(patch: Partial<SamplingValues>): void;
}

export interface SamplingFields {
  /** The `<details>`: its summary, the system prompt and the numbers; the owner appends the rest. */
  element: HTMLDetailsElement;
  maxTokens: HTMLInputElement;
  /** `force` after the reader commits a field: show the clamped value even though it has focus. */
  show(values: SamplingValues, force: boolean): void;
  /** Without WebGPU the settings are shown for what they are, disabled; the summary says so. */
  setReadOnly(readOnly: boolean): void;
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

export function createSamplingFields(id: string, options: SamplingFieldsOptions): SamplingFields {
  const systemPrompt = element('textarea', 'chat-system-prompt');
  systemPrompt.rows = 2;
  systemPrompt.placeholder = '可以不填。例如：你是一家电子产品网店的客服，回答要简洁、礼貌。';
  const temperature = numberInput(SETTING_LIMITS.temperature.min, SETTING_LIMITS.temperature.max, '0.05');
  const topP = numberInput(SETTING_LIMITS.topP.min, SETTING_LIMITS.topP.max, '0.05');
  const maxTokens = numberInput(SETTING_LIMITS.maxTokens.min, undefined, '1');
  const seed = numberInput(SETTING_LIMITS.seed.min, SETTING_LIMITS.seed.max, '1');
  seed.placeholder = options.seedPlaceholder;

  const numbers = element('div', 'chat-settings-numbers');
  numbers.append(
    field(`${id}-temperature`, '温度 temperature', temperature),
    field(`${id}-top-p`, 'top_p', topP),
    field(`${id}-max-tokens`, '最大生成长度（token）', maxTokens),
    field(`${id}-seed`, '随机种子 seed', seed),
  );

  const details = element('details', 'chat-settings');
  const summary = element('summary', undefined, options.summary);
  details.append(
    summary,
    field(`${id}-system`, '系统提示词（system）', systemPrompt, options.systemHint),
    numbers,
  );

  const { onCommit } = options;
  systemPrompt.addEventListener('change', () => onCommit({ systemPrompt: systemPrompt.value }));
  temperature.addEventListener('change', () => onCommit({ temperature: temperature.valueAsNumber }));
  topP.addEventListener('change', () => onCommit({ topP: topP.valueAsNumber }));
  maxTokens.addEventListener('change', () => onCommit({ maxTokens: maxTokens.valueAsNumber }));
  seed.addEventListener('change', () => onCommit({ seed: seed.value.trim() === '' ? null : seed.valueAsNumber }));

  return {
    element: details,
    maxTokens,
    show(values, force) {
      writeField(systemPrompt, values.systemPrompt, force);
      writeField(temperature, String(values.temperature), force);
      writeField(topP, String(values.topP), force);
      writeField(maxTokens, String(values.maxTokens), force);
      writeField(seed, values.seed === null ? '' : String(values.seed), force);
    },
    setReadOnly(readOnly) {
      setText(summary, readOnly ? `${options.summary}（只读：这台设备运行不了模型）` : options.summary);
      for (const control of [systemPrompt, temperature, topP, maxTokens, seed]) setDisabled(control, readOnly);
    },
  };
}
