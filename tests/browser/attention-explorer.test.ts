import { afterEach, beforeEach, describe, expect, onTestFinished, test } from 'vitest';
import { commands, userEvent } from 'vitest/browser';
import { mount } from '../../src/playground/attention/view/mount';
import { one as first, piecesInOrder, watchBatches } from '../fixtures/dom';
// The page the explorer sits on brings the math font and its rules (MathStyles.astro).
import '../../src/styles/global.css';
import '../../src/styles/math.css';

declare module 'vitest/browser' {
  interface BrowserCommands {
    layoutObjects: () => Promise<number>;
  }
}

const HEAD_STEPS = ['x', 'q', 'k', 'v', 'scores', 'scaled', 'masked', 'weights', 'output'];

let root: HTMLElement;

beforeEach(async () => {
  root = document.createElement('div');
  document.body.append(root);
  await mount(root);
});

afterEach(() => root.remove());

const one = <T extends Element = HTMLElement>(selector: string) => first<T>(root, selector);

const stepId = () => one('.attn-stage').dataset.step;
const announcement = () => one('[aria-live="polite"]').textContent;
const control = <T extends HTMLInputElement | HTMLSelectElement>(name: 'sentence' | 'seed' | 'dk' | 'heads') =>
  one<T>(`[id$="-control-${name}"]`);
const sentenceInput = () => control<HTMLInputElement>('sentence');

/** Reads a displayed number the way a reader would: "−0.42", "−∞", "0". */
function readNumber(text: string | null): number {
  const normalised = (text ?? '').trim().replace('−', '-').replace('∞', 'Infinity');
  const value = Number(normalised);
  if (Number.isNaN(value)) throw new Error(`not a number: ${text}`);
  return value;
}

/** The values a heat map shows, row by row, without the row-sum column. */
function shownMatrix(figure: Element): number[][] {
  return [...figure.querySelectorAll('tbody tr')].map((row) =>
    [...row.querySelectorAll('td.heat-cell:not(.heat-sum)')].map((cell) => readNumber(cell.textContent)),
  );
}

/**
 * The formulas on screen, each checked to be what the article's are: MathML only, drawn in the math
 * font (whose subset covers them), with \mathbb{R} as the letter ℝ, since browsers ignore mathvariant.
 */
function formulas(): MathMLElement[] {
  const shown = [...root.querySelectorAll('.attn-formula')].filter((formula) => formula.closest('[hidden]') === null);
  expect(root.querySelector('.katex, [class^="katex-"]')).toBeNull();
  return shown.map((formula) => {
    const math = formula.querySelectorAll('math');
    expect(math).toHaveLength(1);
    expect(math[0]).toBeInstanceOf(MathMLElement);
    expect(getComputedStyle(math[0]!).fontFamily).toMatch(/^"Noto Sans Math",/);
    expect(math[0]!.querySelector('[mathvariant]:not([mathvariant="normal"])')).toBeNull();
    return math[0]!;
  });
}

const rowLabels = (figure: Element) => [...figure.querySelectorAll('tbody th')].map((th) => th.textContent);

async function goTo(id: string): Promise<void> {
  for (let guard = 0; stepId() !== id && guard < 12; guard++) await userEvent.click(one('[data-action="next"]'));
  expect(stepId()).toBe(id);
}

/** The figure's markup, its ids aside. */
const withoutIds = (html: string) => html.replace(/attention-explorer-\d+/g, 'attention-explorer');

/** A second figure's root in the page, removed after the test. */
function figureRoot(): HTMLElement {
  const pieces = document.createElement('div');
  document.body.append(pieces);
  onTestFinished(() => pieces.remove());
  return pieces;
}

/**
 * Mounts a second figure, calling `onFrame` with what each frame added: every piece goes in at the
 * start of a frame of its own, and its mutations are delivered before the next.
 */
async function mountWatched(onFrame: (added: Node[], pieces: HTMLElement) => void): Promise<HTMLElement> {
  const pieces = figureRoot();
  await watchBatches(pieces, () => mount(pieces), (added) => onFrame(added, pieces));
  return pieces;
}

describe('attention explorer', () => {
  test('the default preset shows X with one row per character, and its formula as MathML with ℝ', () => {
    expect(stepId()).toBe('x');
    const x = one('figure[data-matrix="x"]');
    expect(rowLabels(x)).toEqual(['今', '天', '天', '气', '很', '好']);
    const values = shownMatrix(x);
    expect(values).toHaveLength(6);
    values.forEach((row) => expect(row).toHaveLength(8));
    // The same character gets the same embedding.
    expect(values[1]).toEqual(values[2]);
    const [formula, ...others] = formulas();
    expect(others).toEqual([]);
    expect(formula?.textContent).toContain('X∈ℝ');
    // \mathrm{model} is one upright word, as in the article's formulas.
    expect([...(formula?.querySelectorAll('mi') ?? [])].map((mi) => mi.textContent)).toContain('model');
    expect(one('.attn-step-counter').textContent).toBe('第 1 / 9 步');
    const scroller = one('figure[data-matrix="x"] .table-scroll');
    expect(scroller.tabIndex).toBe(0);
    expect(scroller.getAttribute('aria-label')).toContain('X');
  });

  test('the figure goes in a piece per frame, from the top down, and is whole once mounted', async () => {
    // Laid out in one frame, the first time, the figure is two to three frames' budget of a phone's
    // main thread; in pieces, each frame draws a part (scripts/bench-scroll.mjs measures the cost).
    const parts = [
      '.attn-intro',
      '.attn-sentence',
      '.attn-presets',
      '.attn-tokens',
      '.attn-check',
      'figure[data-matrix="x"]',
      '.attn-seed',
    ];
    const pieces = figureRoot();
    const { batchOf, topDown } = await piecesInOrder(pieces, parts, () => mount(pieces));
    expect(batchOf.every((batch) => batch >= 0)).toBe(true);
    expect(new Set(batchOf).size).toBe(parts.length);
    // Nothing already drawn moves: each frame adds below what the frames before it added.
    expect(topDown).toBe(true);
    // Whole: the same figure, number for number, as the one the tests above use.
    expect(withoutIds(pieces.innerHTML)).toBe(withoutIds(root.innerHTML));
    expect(shownMatrix(first(pieces, 'figure[data-matrix="x"]'))).toHaveLength(6);
  });

  test('in a part of the article far off screen, which the browser skips, each piece is laid out as it goes in: reaching the part builds next to no layout', async () => {
    // On phones the article's parts off screen are skipped (content-visibility: auto), and a reader
    // scrolling fast can be past the figure's part, or not yet at it, while the pieces go in: left
    // to the browser, they were all laid out in the one scroll frame that brought the part near,
    // 60–85 ms of a 4× slower CPU (scripts/bench-scroll.mjs).
    const spacer = document.createElement('div');
    spacer.style.height = '20000px';
    const part = document.createElement('div');
    part.style.contentVisibility = 'auto';
    part.style.containIntrinsicSize = 'auto 1500px';
    const pieces = document.createElement('div');
    part.append(pieces);
    document.body.append(spacer, part);
    onTestFinished(() => {
      spacer.remove();
      part.remove();
      scrollTo(0, 0);
    });
    await mount(pieces);
    expect(pieces.querySelectorAll('figure[data-matrix="x"] td.heat-cell').length).toBeGreaterThan(40);
    const before = await commands.layoutObjects();
    part.scrollIntoView();
    await new Promise((drawn) => requestAnimationFrame(() => requestAnimationFrame(drawn)));
    // The part was drawn: the figure is on screen now, with its real size.
    expect(pieces.getBoundingClientRect().top).toBeLessThan(innerHeight);
    // Left to the browser, that frame built about 90 (the figure's pieces); laid out as they went
    // in, none.
    expect((await commands.layoutObjects()) - before).toBeLessThan(20);
  });

  test('a heat map goes in a few rows per frame, and a setting changed meanwhile gives the new numbers, whole', async () => {
    // A whole map's cells laid out in one frame, in a font size new to the page, were most of a
    // phone's frame budget; a few rows at a time, a frame draws a piece of it.
    const cellsPerFrame: number[] = [];
    let changed = false;
    const pieces = await mountWatched((added, pieces) => {
      // Until the change, which re-renders the map whole, as any change does.
      if (changed) return;
      const elements = added.filter((node) => node instanceof Element);
      cellsPerFrame.push(elements.reduce((sum, node) => sum + node.querySelectorAll('td').length + Number(node.matches('td')), 0));
      // The seed changes once the map has started to go in, before its last rows are in.
      const rows = pieces.querySelectorAll('figure[data-matrix="x"] tbody tr').length;
      if (rows > 0 && rows < 6) {
        changed = true;
        const seed = first<HTMLInputElement>(pieces, '[id$="-control-seed"]');
        seed.value = '7';
        seed.dispatchEvent(new Event('input'));
      }
    });
    expect(changed).toBe(true);
    const cells = root.querySelectorAll('figure[data-matrix="x"] td').length;
    expect(Math.max(...cellsPerFrame)).toBeLessThan(cells / 2);
    await userEvent.fill(control<HTMLInputElement>('seed'), '7');
    expect(withoutIds(pieces.innerHTML)).toBe(withoutIds(root.innerHTML));
    expect(pieces.querySelectorAll('figure[data-matrix="x"] tbody tr')).toHaveLength(6);
    expect(pieces.querySelectorAll('.attn-readout')).toHaveLength(1);
  });

  test('while a heat map goes in, the cells already in stay where they are', async () => {
    // The columns are as wide from the first row on as the widest cell that comes later makes them.
    const firstRow: string[] = [];
    const pieces = await mountWatched((_, pieces) => {
      const row = pieces.querySelector('figure[data-matrix="x"] tbody tr');
      if (row) firstRow.push([...row.children].map((cell) => Math.round(cell.getBoundingClientRect().left)).join(' '));
    });
    expect(firstRow.length).toBeGreaterThan(2);
    expect(new Set(firstRow).size).toBe(1);
    expect(pieces.querySelector('tfoot')).toBeNull();
  });

  test('Next walks through the steps in order and announces each one', async () => {
    const seen = [stepId()];
    const announced: string[] = [];
    for (let i = 1; i < HEAD_STEPS.length; i++) {
      await userEvent.click(one('[data-action="next"]'));
      seen.push(stepId());
      announced.push(announcement() ?? '');
      expect(one('.attn-step-counter').textContent).toBe(`第 ${i + 1} / 9 步`);
    }
    expect(seen).toEqual(HEAD_STEPS);
    expect(announced[0]).toBe('第 2 步，共 9 步：查询 Q = XW^Q');
    expect(announced.at(-1)).toMatch(/^第 9 步，共 9 步：/);
    // At the end Next stays focusable but does nothing.
    expect(one('[data-action="next"]').getAttribute('aria-disabled')).toBe('true');
    one('[data-action="next"]').click();
    expect(stepId()).toBe('output');
    await userEvent.click(one('[data-action="previous"]'));
    expect(stepId()).toBe('weights');
  });

  test('arrow keys, Home and End step while focus is in the stepper', async () => {
    const next = one<HTMLButtonElement>('[data-action="next"]');
    next.focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(stepId()).toBe('q');
    expect(announcement()).toContain('第 2 步');
    await userEvent.keyboard('{ArrowRight}{ArrowRight}');
    expect(stepId()).toBe('v');
    await userEvent.keyboard('{ArrowLeft}');
    expect(stepId()).toBe('k');
    await userEvent.keyboard('{End}');
    expect(stepId()).toBe('output');
    await userEvent.keyboard('{Home}');
    expect(stepId()).toBe('x');
    expect(document.activeElement).toBe(next);
  });

  test('the √d_k step shows the live value and follows the d_k setting', async () => {
    await goTo('scaled');
    expect(one('.attn-stage').textContent).toContain('√d_k = 2。');
    const dK = control<HTMLSelectElement>('dk');
    expect(dK.labels?.[0]?.textContent).toBe('每个头的维度 d_k');
    await userEvent.selectOptions(dK, '8');
    expect(dK.value).toBe('8');
    expect(stepId()).toBe('scaled');
    expect(one('.attn-stage').textContent).toContain('√d_k ≈ 2.828');
    expect(one('.attn-stage math').textContent).toContain('2.828');
  });

  test('the displayed weights: every row sums to 1, and the causal mask zeroes the upper triangle', async () => {
    await goTo('weights');
    const weights = one('figure[data-matrix="weights"]');
    const shown = shownMatrix(weights);
    expect(shown).toHaveLength(6);
    for (const row of shown) {
      // Each printed value is rounded to 0.01, so the printed row can be off by n × 0.005.
      expect(Math.abs(row.reduce((s, v) => s + v, 0) - 1)).toBeLessThanOrEqual(row.length * 0.005);
    }
    const sums = [...weights.querySelectorAll('td.heat-sum')].map((cell) => cell.textContent);
    expect(sums).toEqual(Array(6).fill('1.00'));
    shown.forEach((row, i) => row.forEach((value, j) => j > i && expect(value).toBe(0)));
    shown.forEach((row, i) => expect(row[i]).toBeGreaterThan(0));
    expect(shown[0]?.[0]).toBe(1);

    const causal = one<HTMLInputElement>('input[type="checkbox"]');
    expect(causal.checked).toBe(true);
    await userEvent.click(causal);
    const unmasked = shownMatrix(one('figure[data-matrix="weights"]'));
    expect(unmasked.some((row, i) => row.some((value, j) => j > i && value > 0))).toBe(true);

    await userEvent.click(causal);
    await userEvent.click(one('[data-action="previous"]'));
    expect(stepId()).toBe('masked');
    const masked = shownMatrix(one('figure[data-matrix="masked"]'));
    expect(masked).toHaveLength(6);
    masked.forEach((row, i) => row.forEach((value, j) => expect(value === -Infinity).toBe(j > i)));
  });

  test('原文公式 shows the seed formula’s terms summing to 1 next to the correct output', async () => {
    const toggle = [...root.querySelectorAll('button')].find((b) => b.textContent === '原文公式');
    if (!toggle) throw new Error('no 原文公式 toggle');
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    await userEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    const panel = one(`#${toggle.getAttribute('aria-controls')}`);
    expect(panel.hidden).toBe(false);
    expect(one('.attn-seed-sum').textContent).toBe('1.0000');
    const terms = [...panel.querySelectorAll('.attn-seed-table tbody tr td:last-child')].map((c) =>
      readNumber(c.textContent),
    );
    expect(terms).toHaveLength(6);
    expect(Math.abs(terms.reduce((s, v) => s + v, 0) - 1)).toBeLessThanOrEqual(6 * 0.00005);
    expect(formulas().map((math) => panel.contains(math))).toEqual([false, true]);
    const correct = one('figure[data-matrix="correct-output"]');
    expect(shownMatrix(correct)).toHaveLength(6);

    // A different sentence, seed and d_k: still exactly 1.
    await userEvent.click([...root.querySelectorAll('.attn-preset')][1] as HTMLElement);
    await userEvent.fill(control('seed'), '7');
    expect(one('.attn-seed-sum').textContent).toBe('1.0000');
    expect(panel.querySelectorAll('.attn-seed-table tbody tr')).toHaveLength(6);

    await userEvent.click(toggle);
    expect(panel.hidden).toBe(true);
  });

  test('a hostile sentence is shown as text and never becomes markup', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    await userEvent.fill(sentenceInput(), hostile);
    expect(root.querySelector('img')).toBeNull();
    expect(document.querySelector('img')).toBeNull();
    const tokens = [...root.querySelectorAll('.attn-tokens li')].map((li) => li.textContent);
    expect(tokens.slice(0, 3)).toEqual(['<', 'img', 'src']);
    expect(rowLabels(one('figure[data-matrix="x"]'))[0]).toBe('<');
    await goTo('scores');
    const header = [...root.querySelectorAll('figure[data-matrix="scores"] thead th')].map((th) => th.textContent);
    expect(header).toContain('onerror');
    expect(root.querySelector('img, script, [onerror]')).toBeNull();
  });

  test('more than 12 tokens are cut to the first 12, with a note', async () => {
    await userEvent.fill(
      sentenceInput(),
      'one two three four five six seven eight nine ten eleven twelve thirteen fourteen',
    );
    expect(one('.attn-note').textContent).toContain('只取前 12 个 token');
    expect(rowLabels(one('figure[data-matrix="x"]'))).toHaveLength(12);
    await userEvent.fill(sentenceInput(), '');
    expect(one('.attn-note').textContent).toBe('请输入至少一个字或词。');
    expect(one('.attn-stage').hidden).toBe(true);
    await userEvent.click([...root.querySelectorAll('.attn-preset')][0] as HTMLElement);
    expect(one('.attn-note').textContent).toBe('');
    expect(one('.attn-stage').hidden).toBe(false);
  });

  test('the seed changes the numbers reproducibly', async () => {
    const original = shownMatrix(one('figure[data-matrix="x"]'));
    const seed = control<HTMLInputElement>('seed');
    expect(seed.value).toBe('42');
    await userEvent.fill(seed, '7');
    expect(shownMatrix(one('figure[data-matrix="x"]'))).not.toEqual(original);
    await userEvent.fill(seed, '42');
    expect(shownMatrix(one('figure[data-matrix="x"]'))).toEqual(original);
  });

  test('heads = 3 shows three head maps side by side, then the concatenation and W^O', async () => {
    const heads = control<HTMLSelectElement>('heads');
    await userEvent.selectOptions(heads, '3');
    expect(one('.attn-step-counter').textContent).toBe('第 1 / 11 步');
    expect(root.querySelectorAll('figure[data-matrix="x"]')).toHaveLength(1);
    await goTo('q');
    const qs = [...root.querySelectorAll<HTMLElement>('figure[data-matrix="q"]')];
    expect(qs.map((f) => f.dataset.head)).toEqual(['1', '2', '3']);
    await goTo('weights');
    expect(root.querySelectorAll('figure[data-matrix="weights"]')).toHaveLength(3);
    await goTo('concat');
    const concat = shownMatrix(one('figure[data-matrix="concat"]'));
    expect(concat[0]).toHaveLength(12);
    await goTo('mixed');
    expect(shownMatrix(one('figure[data-matrix="mixed"]'))[0]).toHaveLength(8);
    expect(formulas()[0]?.textContent).toMatch(/^MHA\(X\)=Concat\(head1,…,head3\)\s*WO,\s*WO∈ℝ12×8$/);
    // Back to one head: the step clamps to the last one that still exists.
    await userEvent.selectOptions(heads, '1');
    expect(stepId()).toBe('output');
    expect(one('.attn-step-counter').textContent).toBe('第 9 / 9 步');
  });

  test('heat map cells: one Tab stop, arrow keys move, the readout names the cell', async () => {
    const x = one('figure[data-matrix="x"]');
    // The mouse rests on the caption, in view: wherever the test before left it, moving focus could
    // scroll a cell under it, and hovering a cell writes the readout too.
    await userEvent.hover(first(x, 'caption'));
    const cells = [...x.querySelectorAll<HTMLElement>('td.heat-cell')];
    expect(cells.filter((cell) => cell.tabIndex === 0)).toHaveLength(1);
    cells[0]?.focus();
    expect(one('figure[data-matrix="x"] .attn-readout').textContent).toMatch(/^第 1 行「今」，第 1 列「1」：/);
    await userEvent.keyboard('{ArrowRight}{ArrowDown}');
    expect(document.activeElement).toBe(cells[9]);
    expect(cells[9]?.tabIndex).toBe(0);
    expect(cells[0]?.tabIndex).toBe(-1);
    expect(one('figure[data-matrix="x"] .attn-readout').textContent).toMatch(
      /^第 2 行「天」，第 2 列「2」：−?\d\.\d{4}$/,
    );
  });

  test('为什么要除以 √d_k: computed when opened, one row per d_k', async () => {
    const details = one<HTMLDetailsElement>('details.attn-scaling');
    expect(details.querySelector('table')).toBeNull();
    await userEvent.click(one('details.attn-scaling summary'));
    await expect.poll(() => details.querySelectorAll('tbody tr').length, { timeout: 5000 }).toBe(8);
    const rows = [...details.querySelectorAll('tbody tr')].map((row) =>
      [...row.querySelectorAll('.attn-number')].map((cell) => readNumber(cell.textContent)),
    );
    const [first, last] = [rows[0] ?? [], rows.at(-1) ?? []];
    // Columns: d_k, Var(q·k), entropy unscaled, entropy scaled, max weight unscaled, max weight scaled.
    expect(last[0]).toBe(512);
    expect(last[2]).toBeLessThan(first[2] ?? 0);
    expect(Math.abs((last[3] ?? 0) - (first[3] ?? 0))).toBeLessThan(0.1);
    expect(last[4]).toBeGreaterThan(0.9);
  });
});
