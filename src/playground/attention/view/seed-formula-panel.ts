/**
 * The "原文公式" toggle: evaluates the seed article's formula Σ_i e^{⟨x_i,x_i⟩} / Σ_j e^{⟨x_j,x_j⟩} on
 * the same X and lists its terms, whose sum is 1 for every sentence, beside the correct output,
 * which has one vector per token. Seeing both on the same input is the argument for the correction.
 */
import { element } from '../../ui/dom';
import type { Computation } from '../explorer';
import { formatValue } from '../format';
import { createHeatMap } from './heat-map';
import type { TexRenderer } from './tex';

export interface SeedFormulaPanel {
  readonly element: HTMLElement;
  update(computation: Computation): void;
}

export const SEED_TEX = String.raw`\mathrm{Attention}(x)=\sum_{i}\frac{e^{\langle x_i,x_i\rangle}}{\sum_{j}e^{\langle x_j,x_j\rangle}}`;

function headerRow(labels: readonly string[]): HTMLTableRowElement {
  const row = element('tr');
  for (const label of labels) {
    const th = element('th', undefined, label);
    th.scope = 'col';
    row.append(th);
  }
  return row;
}

function termsTable(computation: Computation): HTMLElement {
  const { tokens, seedFormula } = computation;
  const table = element('table', 'attn-seed-table');
  table.createCaption().textContent = '原文公式在这句话上的逐项结果';
  table.createTHead().append(headerRow(['i', 'token', '⟨xᵢ, xᵢ⟩', '第 i 项']));
  const body = table.createTBody();
  seedFormula.terms.forEach((term, i) => {
    const row = element('tr');
    row.append(
      element('td', undefined, String(i + 1)),
      element('td', undefined, tokens[i] ?? ''),
      element('td', 'attn-number', formatValue(seedFormula.exponents[i] ?? 0)),
      element('td', 'attn-number', formatValue(term, 4)),
    );
    body.append(row);
  });
  const total = element('tr');
  const label = element('th', undefined, '总和');
  label.scope = 'row';
  label.colSpan = 3;
  const sum = element('td', 'attn-number attn-seed-sum', formatValue(seedFormula.value, 4));
  total.append(label, sum);
  table.createTFoot().append(total);

  const scroller = element('div', 'table-scroll');
  scroller.tabIndex = 0;
  scroller.setAttribute('role', 'region');
  scroller.setAttribute('aria-label', '原文公式的逐项结果，可横向滚动');
  scroller.append(table);
  return scroller;
}

export function createSeedFormulaPanel(renderTex: TexRenderer, panelId: string): SeedFormulaPanel {
  const wrapper = element('div', 'attn-seed');
  const toggle = element('button', 'button', '原文公式');
  toggle.type = 'button';
  toggle.setAttribute('aria-pressed', 'false');
  toggle.setAttribute('aria-controls', panelId);
  const panel = element('div', 'attn-seed-panel');
  panel.id = panelId;
  panel.hidden = true;
  let latest: Computation | undefined;

  const fill = () => {
    if (!latest || panel.hidden) return;
    const output = latest.output;
    const correct = createHeatMap({
      name: 'correct-output',
      caption: `正确公式的输出：每个 token 一个向量（${output.rows} × ${output.cols}）`,
      matrix: output,
      rowLabels: latest.tokens,
      colLabels: Array.from({ length: output.cols }, (_, j) => String(j + 1)),
      kind: 'signed',
    });
    const seedSide = element('div', 'attn-seed-side');
    seedSide.append(
      element('p', 'attn-step-text', '原文的公式：'),
      renderTex(SEED_TEX),
      termsTable(latest),
      element(
        'p',
        'attn-step-text',
        '不论输入哪句话，总和都是 1：它只用到每个 token 向量自身的长度，没有查询、键、值，也没有可学习的权重，得到的只是一个常数，而不是每个 token 一个输出向量。',
      ),
    );
    const correctSide = element('div', 'attn-seed-side');
    correctSide.append(element('p', 'attn-step-text', '正确的 softmax(QKᵀ/√d_k + M)V：'), correct);
    panel.replaceChildren(seedSide, correctSide);
  };

  toggle.addEventListener('click', () => {
    panel.hidden = !panel.hidden;
    toggle.setAttribute('aria-pressed', String(!panel.hidden));
    fill();
  });

  wrapper.append(toggle, panel);
  return {
    element: wrapper,
    update(computation) {
      latest = computation;
      fill();
    },
  };
}
