/**
 * The settings form: sentence (with presets), seed, d_k, heads and the causal mask, plus the
 * tokenization the figure is working from. Every control has a <label>; the token list is built
 * with textContent, because the sentence is whatever the reader typed.
 */
import { MAX_TOKENS } from '../tokenizer';
import { element } from '../../ui/dom';
import {
  D_K_CHOICES,
  D_MODEL,
  HEAD_CHOICES,
  MAX_SEED,
  parseSeed,
  PRESETS,
  type Computation,
  type Settings,
} from '../explorer';

export interface Controls {
  readonly element: HTMLElement;
  update(computation: Computation | null): void;
}

/**
 * A label beside (not around) its control: a label that contains a select or a text box folds the
 * control's current value into the control's accessible name, which screen readers then say twice.
 */
function field(
  id: string,
  labelText: string,
  control: HTMLInputElement | HTMLSelectElement,
  className = 'attn-field',
): HTMLElement {
  const wrapper = element('div', className);
  const label = element('label', 'attn-field-label', labelText);
  label.htmlFor = id;
  control.id = id;
  wrapper.append(label, control);
  return wrapper;
}

function select(choices: readonly number[], value: number): HTMLSelectElement {
  const node = element('select');
  for (const choice of choices) node.append(new Option(String(choice), String(choice), false, choice === value));
  return node;
}

export function createControls(
  idPrefix: string,
  initial: Settings,
  onChange: (patch: Partial<Settings>) => void,
): Controls {
  const form = element('div', 'attn-controls');

  const sentence = element('input');
  sentence.type = 'text';
  sentence.value = initial.text;
  sentence.maxLength = 200;
  sentence.autocomplete = 'off';
  sentence.spellcheck = false;
  sentence.addEventListener('input', () => onChange({ text: sentence.value }));

  const presets = element('div', 'attn-presets');
  presets.setAttribute('role', 'group');
  presets.setAttribute('aria-label', '示例句子');
  presets.append(element('span', 'attn-field-label', '示例：'));
  for (const text of PRESETS) {
    const button = element('button', 'button attn-preset', text);
    button.type = 'button';
    button.addEventListener('click', () => {
      sentence.value = text;
      onChange({ text });
    });
    presets.append(button);
  }

  const tokens = element('ol', 'attn-tokens');
  tokens.setAttribute('aria-label', '分词结果');
  const note = element('p', 'attn-note');
  note.setAttribute('role', 'status');

  const seed = element('input');
  seed.type = 'number';
  seed.inputMode = 'numeric';
  seed.min = '0';
  seed.max = String(MAX_SEED);
  seed.step = '1';
  seed.value = String(initial.seed);
  let lastSeed = initial.seed;
  seed.addEventListener('input', () => {
    const parsed = parseSeed(seed.value);
    if (parsed === null) return;
    lastSeed = parsed;
    onChange({ seed: parsed });
  });
  // Half-typed or out-of-range seeds are left alone while typing, then put back on leaving the field.
  seed.addEventListener('change', () => {
    if (parseSeed(seed.value) === null) seed.value = String(lastSeed);
  });

  const dK = select(D_K_CHOICES, initial.dK);
  dK.addEventListener('change', () => onChange({ dK: Number(dK.value) }));
  const heads = select(HEAD_CHOICES, initial.heads);
  heads.addEventListener('change', () => onChange({ heads: Number(heads.value) }));

  const causal = element('input');
  causal.type = 'checkbox';
  causal.checked = initial.causal;
  causal.addEventListener('change', () => onChange({ causal: causal.checked }));

  const numbers = element('div', 'attn-settings');
  numbers.append(
    field(`${idPrefix}-seed`, '随机种子（相同种子，结果可复现）', seed),
    element('p', 'attn-fixed', `d_model = ${D_MODEL}（固定）`),
    field(`${idPrefix}-dk`, '每个头的维度 d_k', dK),
    field(`${idPrefix}-heads`, '头数 h', heads),
  );
  const causalLabel = element('label', 'attn-check');
  causalLabel.append(causal, element('span', undefined, '因果掩码（每个位置只看自己和前面的位置）'));

  form.append(
    field(`${idPrefix}-sentence`, `句子（最多取 ${MAX_TOKENS} 个 token）`, sentence, 'attn-field attn-sentence'),
    presets,
    tokens,
    note,
    numbers,
    causalLabel,
  );

  return {
    element: form,
    update(computation) {
      tokens.replaceChildren(...(computation?.tokens ?? []).map((token) => element('li', undefined, token)));
      if (!computation) note.textContent = '请输入至少一个字或词。';
      else if (computation.truncated)
        note.textContent = `只取前 ${MAX_TOKENS} 个 token（这句话共有 ${computation.totalTokens} 个）。`;
      else note.textContent = '';
    },
  };
}
