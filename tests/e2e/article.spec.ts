import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { parse } from 'yaml';
import { pagePaths } from '../../src/lib/page-paths';
import { drawSkippedParts } from './open-settled';

// The seed article as published by its author, errors included; the site must keep its structure.
const seed = readFileSync(new URL('../fixtures/seed-article.zh.md', import.meta.url), 'utf8');
const seedHeadings = seed
  .split('\n')
  .filter((line) => /^#{2,4} /.test(line))
  .map((line) => line.replace(/^#+ /, '').trim());

/**
 * The seed's heading as the corrected article words it: no English gloss, Transformer for 变换器,
 * a space between Chinese and Latin text or numbers.
 */
function houseStyle(heading: string): string {
  return heading
    .replace(/（[A-Za-z][A-Za-z -]*）$/, '')
    .replaceAll('变换器', 'Transformer')
    .replace(/([\u4e00-\u9fff])([A-Za-z0-9])/g, '$1 $2')
    .replace(/([A-Za-z0-9])([\u4e00-\u9fff])/g, '$1 $2');
}

/** A heading keeps the seed's: in house style, or renamed with the seed's title quoted as the original. */
function keepsSeedHeading(heading: string, seedHeading: string): boolean {
  const [, number = '', title = seedHeading] = /^([\d.]+ )?(.*)$/.exec(seedHeading) ?? [];
  return heading === houseStyle(seedHeading) || (heading.startsWith(number) && heading.includes(`原文此节为“${title}”`));
}

// Sentences from the seed that are false; they may appear only inside errata.
const falseStatements = [
  'OpenAI开发',
  '非盈利组织OpenAI',
  'Test accuracy: 0.85',
  '准确率为85%',
  'pip install tensorflow',
  'LSTM(128',
  '阿里通义千问的规模相对较大',
  '今天天气很好，我们可以去公园散步。”\n\n这个结果',
];

const errataIds = Array.from({ length: 29 }, (_, i) => `E${i + 1}`);

// The article's pages in reading order; the text and the FAQ are the two written as prose.
const articlePages = Object.values(pagePaths);
const prosePages = [pagePaths.text, pagePaths.faq];

/** Runs `read` on each page in turn, in reading order. */
async function onEach<T>(page: Page, paths: string[], read: (path: string) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (const path of paths) {
    await page.goto(`./${path}`);
    results.push(await read(path));
  }
  return results;
}

test.describe('the article', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('./');
  });

  test('has every heading of the seed, in order, in house style or renamed with the seed’s heading quoted', async ({ page }) => {
    // An appendix's page title (h1) is the heading it had in the text.
    const headings = (
      await onEach(page, prosePages, (path) =>
        page.$$eval(path ? 'main :is(h1, h2, h3, h4)' : 'main :is(h2, h3, h4)', (elements) =>
          elements.map((element) => element.textContent!.trim()),
        ),
      )
    ).flat();
    expect(seedHeadings.length).toBeGreaterThan(50);
    let cursor = 0;
    for (const heading of seedHeadings) {
      const found = headings.findIndex((h, i) => i >= cursor && keepsSeedHeading(h, heading));
      expect(found, `heading "${heading}" missing or out of order`).toBeGreaterThanOrEqual(0);
      cursor = found + 1;
    }
  });

  test('shows every erratum E1–E29 with the original, the problem, the correction and a working source link', async ({ page }) => {
    const cited = new Set<string>();
    const shown = (await onEach(page, prosePages, async () => {
      const ids = await page.locator('.erratum').evaluateAll((boxes) => boxes.map((box) => box.id.replace('erratum-', '')));
      for (const id of ids) {
        const box = page.locator(`#erratum-${id}`);
        await expect(box.locator('del'), `${id} original`).not.toHaveCount(0);
        await expect(box.locator('.severity')).toHaveText(/严重|较重|轻微/);
        await expect(box).toContainText('问题：');
        // The index lists only a summary: what is right instead is said here, in the card.
        await expect(box.locator('p', { hasText: /^更正：\S.{9,}/ }), `${id} correction`).toHaveCount(1);
        // Each erratum names its sources, each with its [n] into the reference list, the one copy of
        // each reference and its address (checked below).
        const sources = box.locator('.erratum-sources');
        const hrefs = await sources.locator('a[href]').evaluateAll((links) => links.map((l) => l.getAttribute('href')!));
        expect(hrefs.length, `${id} sources`).toBeGreaterThan(0);
        for (const href of hrefs) {
          const ref = /\/references\/#(ref-[\w-]+)$/.exec(href)?.[1];
          expect(ref, `${id}: ${href}`).toBeDefined();
          cited.add(ref!);
        }
        // A name before each [n]: the line reads "名称[n]；名称[n]", not a bare row of numbers.
        const names = await sources.evaluate((line) =>
          [...line.querySelectorAll('a')].map((a) => (a.previousSibling instanceof Text ? a.previousSibling.data.replace(/^；/, '').trim() : '')),
        );
        expect(names.filter((name) => name.length < 2), `${id} sources: ${names.join(' | ')}`).toEqual([]);
        // The erratum links to its row of the index, on the errata page.
        await expect(box.locator(`a[href$="/errata/#errata-row-${id}"]`)).toHaveCount(1);
      }
      return ids;
    })).flat();
    expect(shown).toEqual(errataIds);
    // The index links each row to its erratum, on the page that shows it.
    await page.goto(`./${pagePaths.errata}`);
    for (const id of errataIds) await expect(page.locator(`#errata-row-${id} a[href$="#erratum-${id}"]`)).toHaveCount(1);
    // Every source an erratum cites links out from the reference list: an https page or a file the
    // site itself publishes (links.spec.ts checks that those resolve).
    await page.goto(`./${pagePaths.references}`);
    for (const ref of cited) {
      const links = await page.locator(`#${ref} a[href]:not(.ref-back)`).evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
      expect(links.filter((href) => /^(https:\/\/|\/)/.test(href)), ref).not.toEqual([]);
    }
  });

  test('states none of the seed’s false claims outside the errata', async ({ page }) => {
    const texts = await onEach(page, articlePages, () =>
      page.locator('main').evaluate((main) => {
        const copy = main.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('.erratum, .errata-table').forEach((element) => element.remove());
        return copy.textContent ?? '';
      }),
    );
    for (const statement of falseStatements) for (const text of texts) expect(text, statement).not.toContain(statement);
    await page.goto('./');
    // The seed's formula is shown only struck through inside its erratum.
    // (e^{<x_i, x_i>} as MathML reads "e<xi,xi>".)
    const wrongFormulaIn = (inErratum: boolean) =>
      page.locator('main .formula').evaluateAll(
        (formulas, inside) => formulas.filter((f) => f.textContent?.includes('<xi,xi>') && !!f.closest('.erratum') === inside).length,
        inErratum,
      );
    expect(await wrongFormulaIn(false)).toBe(0);
    expect(await wrongFormulaIn(true)).toBeGreaterThan(0);
  });

  test('typesets all maths at build time, numbers equations and links references to them', async ({ page }) => {
    const main = page.locator('main');
    expect(await main.locator('.katex-error').count()).toBe(0);
    const text = await main.evaluate((element) => {
      const copy = element.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.formula, pre, code').forEach((e) => e.remove());
      return copy.textContent ?? '';
    });
    expect(text).not.toMatch(/\$\$|\\frac|\\mathrm|\\sqrt|\\begin\{/);
    const equations = main.locator('figure.equation');
    const count = await equations.count();
    expect(count).toBeGreaterThanOrEqual(6);
    for (let i = 0; i < count; i++) {
      const equation = equations.nth(i);
      await expect(equation.locator('math')).toHaveCount(1);
      await expect(equation.locator('.equation-number')).toContainText(`(${i + 1})`);
    }
    const refs = await main.locator('a[href^="#eq-"]').evaluateAll((links) =>
      links.map((link) => ({ id: link.getAttribute('href')!.slice(1), text: link.textContent })),
    );
    expect(refs.length).toBeGreaterThan(3);
    for (const ref of refs) {
      await expect(page.locator(`[id="${ref.id}"]`), ref.id).toHaveCount(1);
      expect(ref.text).toMatch(/^式\s\(\d+\)$/);
    }
  });

  test('draws every letter and symbol of every formula in the math font', async ({ page }) => {
    await page.evaluate(() => document.fonts.load('16px "Noto Sans Math"', '\u{1d465}'));
    await drawSkippedParts(page);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: 'math mi, math mo, math mn' });
    expect(nodeIds.length).toBeGreaterThan(100);
    const elsewhere = new Set<string>();
    for (const nodeId of nodeIds) {
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      for (const font of fonts.filter((each) => each.familyName !== 'Noto Sans Math')) {
        const { outerHTML } = await cdp.send('DOM.getOuterHTML', { nodeId });
        elsewhere.add(`${font.familyName}: ${outerHTML}`);
      }
    }
    // A character missing from the subset (a math italic form the browser asks for) would be drawn
    // in whatever system font has it, unlike its neighbours.
    expect([...elsewhere]).toEqual([]);
  });

  test('the derivation in 4.2 explains the √d_k scaling by variance', async ({ page }) => {
    // textContent, not innerText: sections off screen are not rendered (content-visibility), and
    // innerText leaves out what is not rendered.
    const section = (await page.locator('article.prose').textContent())!;
    const start = section.indexOf('4.2 公式推导过程');
    const end = section.indexOf('4.3 案例分析与讲解');
    expect(start).toBeGreaterThan(0);
    expect(section.slice(start, end)).toMatch(/方差/);
  });

  test('numbers citations, links them to the references page and previews them on focus', async ({ page }) => {
    const citations = page.locator('main .cite-link');
    expect(await citations.count()).toBeGreaterThan(20);
    const targets = await citations.evaluateAll((links) => [...new Set(links.map((l) => (l as HTMLAnchorElement).href))]);
    const references = new URL(pagePaths.references, page.url()).href;
    expect(targets.filter((target) => !target.startsWith(`${references}#ref-`))).toEqual([]);
    const first = citations.first();
    await first.focus();
    // One preview for all citations, built from the references page when a citation is focused.
    const preview = page.locator('#cite-tooltip');
    await expect(preview).toBeVisible();
    await expect(first).toHaveAttribute('aria-describedby', 'cite-tooltip');
    await expect(preview.locator('cite')).toBeVisible();
    const previewed = await preview.locator('cite').textContent();
    const firstTarget = new URL((await first.getAttribute('href'))!, page.url());

    await page.goto(references);
    for (const target of targets) await expect(page.locator(`[id="${new URL(target).hash.slice(1)}"]`), target).toHaveCount(1);
    await expect(page.locator(`[id="${firstTarget.hash.slice(1)}"] cite`)).toHaveText(previewed!);
    // The list itself gives real links, with arXiv ids where there are papers.
    await expect(page.locator('#ref-Vaswani')).toContainText('arXiv:1706.03762');
    // The scripts and run record the errata cite as RUN are published with the site, under its base path.
    const run = new URL((await page.locator('#ref-RUN a.ref-url').getAttribute('href'))!, page.url());
    expect(run.pathname).toMatch(/\/factcheck\/README\.txt$/);
    // Shown as a full address, as a printed page needs it.
    await expect(page.locator('#ref-RUN a.ref-url')).toHaveText(new RegExp(`^https?://[^/\\s]+${run.pathname.replaceAll('.', '\\.')}$`));
    const readme = await page.request.get(run.href);
    expect(readme.ok()).toBe(true);
    expect(await readme.text()).toContain('reproduce.sh');
  });

  test('every in-page anchor link resolves, on each of its pages', async ({ page }) => {
    const missing = await onEach(page, articlePages, async (path) => {
      const hrefs = await page.$$eval('a[href^="#"]', (links) => [...new Set(links.map((l) => l.getAttribute('href')!))]);
      const broken: string[] = [];
      for (const href of hrefs) {
        const id = decodeURIComponent(href.slice(1));
        if ((await page.locator(`[id="${id}"]`).count()) !== 1) broken.push(`/${path}${href}`);
      }
      return broken;
    });
    expect(missing.flat()).toEqual([]);
  });

  test('shows the architecture comparison with every value sourced and conflicts flagged', async ({ page }) => {
    const table = page.locator('.architecture table').first();
    await expect(table.locator('thead th')).toContainText(['字段', 'Meta-Llama-3-8B', 'Qwen2.5-7B', 'Qwen3-8B']);
    const cellsWithoutCitation = await page.locator('.architecture td').evaluateAll(
      (cells) => cells.filter((cell) => !cell.querySelector('.cite-link')).length,
    );
    expect(cellsWithoutCitation).toBe(0);
    expect(await page.locator('.architecture .conflict-mark').count()).toBeGreaterThanOrEqual(2);
  });

  test("lists each value's note under its table, marked in the cell with a link there and back", async ({ page }) => {
    // Every note in models.yaml, by table (flagship models are table A), but those of the context
    // details the summary tells rather than the tables.
    const models = parse(readFileSync(new URL('../../src/content/models.yaml', import.meta.url), 'utf8')) as Array<Record<string, { note?: string } | string>>;
    const expected = new Set<string>();
    for (const model of models)
      for (const [field, fact] of Object.entries(model))
        if (typeof fact === 'object' && fact.note && !['contextTrained', 'contextExtension'].includes(field))
          expected.add(`${model.group === 'flagship' ? '表 A' : '表 B'}:${fact.note}`);

    const found = await page.locator('.architecture table').evaluateAll((tables: HTMLTableElement[]) =>
      tables.flatMap((table) =>
        [...table.querySelectorAll<HTMLAnchorElement>('a.note-mark')].map((mark) => {
          const cell = mark.closest('td')!;
          const note = document.getElementById(mark.hash.slice(1));
          const back = note?.querySelector<HTMLAnchorElement>('a.back-to-cell');
          const target = back && document.getElementById(back.hash.slice(1));
          return {
            table: table.caption!.textContent!.slice(0, 3),
            model: table.tHead!.rows[0]!.cells[cell.cellIndex]!.textContent!.trim(),
            row: cell.parentElement!.querySelector('th')!.textContent!.trim(),
            // The note's label names the model and the row; its text follows.
            label: note?.closest('.table-notes') ? note.querySelector('strong')!.textContent! : null,
            text: note ? [...note.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE).map((node) => node.textContent).join('').trim() : null,
            // The way back leads to a mark in the same table that links to this note.
            backToTable: target?.matches('a.note-mark') === true && target.closest('table') !== null && (target as HTMLAnchorElement).hash === mark.hash,
            cellHasNoteText: note ? cell.textContent!.includes(note.textContent!.replace(/↩/, '').trim().slice(-20)) : null,
          };
        }),
      ),
    );
    expect(found.length).toBeGreaterThan(expected.size);
    for (const mark of found) {
      expect(mark.label, `${mark.table} ${mark.model} ${mark.row}`).toContain(mark.model);
      expect(mark.label).toContain(mark.row);
      expect(mark.backToTable, `${mark.table} ${mark.model} ${mark.row}`).toBe(true);
      expect(mark.cellHasNoteText).toBe(false);
    }
    expect(new Set(found.map((mark) => `${mark.table}:${mark.text}`))).toEqual(expected);
    // Each listed note is pointed to from a cell: none is left without its value.
    const listed = await page.locator('.architecture .table-notes li').evaluateAll((items) => items.map((item) => item.id));
    expect(listed.sort()).toEqual([...new Set(await page.locator('.architecture a.note-mark').evaluateAll((marks: HTMLAnchorElement[]) => marks.map((mark) => mark.hash.slice(1))))].sort());
  });

  test('cuts the architecture comparison into parts a phone lays out one at a time: tables of a few rows that each name the models, and each chart', async ({ page }) => {
    // A part is laid out whole in the frame it nears the screen in (src/lib/markdown/sections.mjs);
    // a whole table of seventeen rows, or the five charts together, took a phone several frames' time.
    const tables = await page.locator('.architecture table').evaluateAll((all: HTMLTableElement[]) =>
      all.map((table) => ({
        caption: table.caption!.textContent!.trim(),
        // A part of its own, not inside another.
        part: table.parentElement!.matches('.article-part') && !table.parentElement!.parentElement!.closest('.article-part'),
        head: [...table.tHead!.rows[0]!.cells].map((cell) => cell.textContent!.trim()),
        rows: [...table.tBodies[0]!.rows].map((row) => row.cells[0]!.textContent!.trim()),
      })),
    );
    for (const table of tables) {
      expect(table.part, table.caption).toBe(true);
      expect(table.rows.length, table.caption).toBeLessThanOrEqual(5);
    }
    expect(new Set(tables.map((table) => table.caption)).size).toBe(tables.length);
    // Tables A and B each hold every field once, in the same order, each piece under the models' names.
    const pieces = (name: string) => tables.filter((table) => table.caption.startsWith(name));
    const fields = (name: string) => pieces(name).flatMap((table) => table.rows);
    expect(fields('表 A')).toEqual(fields('表 B'));
    expect(fields('表 A')).toEqual([...new Set(fields('表 A'))]);
    expect(fields('表 A')).toContain('许可证');
    for (const name of ['表 A', '表 B']) {
      expect(pieces(name).length).toBeGreaterThan(1);
      for (const piece of pieces(name)) expect(piece.head).toEqual(pieces(name)[0]!.head);
    }
    const charts = await page
      .locator('.architecture-diagram figure')
      .evaluateAll((figures) => figures.map((figure) => figure.parentElement!.matches('.article-part') && !figure.parentElement!.parentElement!.closest('.article-part')));
    expect(charts).toEqual([true, true, true, true, true]);
  });

  test('shows the same-evaluator benchmarks with their settings, and marks editors’ additions', async ({ page }) => {
    await expect(page.locator('.editors-note .architecture')).toHaveCount(1);
    const textNotes = await page.locator('.editors-note').count();
    await page.goto(`./${pagePaths.faq}`);
    await expect(page.locator('.benchmark table caption').first()).toContainText('同一评测流程');
    await expect(page.locator('.benchmark').first()).toContainText('66.60');
    expect(textNotes + (await page.locator('.editors-note').count())).toBeGreaterThanOrEqual(3);
  });

  test('replaces the Keras code with real transformers and web-llm code; the seed’s snippets stay collapsed in errata', async ({ page }) => {
    const code = await page.locator('main pre.astro-code').evaluateAll((blocks) =>
      blocks.filter((b) => !b.closest('.erratum')).map((b) => b.textContent ?? ''),
    );
    expect(code.some((c) => c.includes('AutoModelForCausalLM') && c.includes('Qwen/Qwen2.5'))).toBe(true);
    expect(code.some((c) => c.includes('meta-llama/Meta-Llama-3-8B-Instruct'))).toBe(true);
    expect(code.some((c) => /pip install/.test(c))).toBe(true);
    expect(code.some((c) => c.includes('@mlc-ai/web-llm') || c.includes('chat.completions.create'))).toBe(true);
    const keras = page.locator('.erratum details.erratum-code', { hasText: 'LSTM' });
    expect(await keras.count()).toBeGreaterThanOrEqual(2);
    for (const details of await keras.all()) expect(await details.getAttribute('open')).toBeNull();
  });
});

test('with JavaScript off, the whole article, its errata and references are there, page by page', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const headings = (
    await onEach(page, prosePages, () => page.$$eval('main :is(h1, h2, h3, h4)', (e) => e.map((h) => h.textContent!.trim())))
  ).flat();
  for (const heading of seedHeadings) expect(headings.some((h) => keepsSeedHeading(h, heading)), heading).toBe(true);
  const errata = await onEach(page, prosePages, () => page.locator('.erratum').count());
  expect(errata.reduce((a, b) => a + b)).toBe(29);
  await page.goto('./faq/');
  await expect(page.locator('main')).toContainText('作者：');
  await page.goto('./errata/');
  await expect(page.locator('.errata-table tbody tr')).toHaveCount(29);
  await page.goto('./references/');
  expect(await page.locator('.references li').count()).toBeGreaterThan(20);
  // Each page leads on to the next and back to the previous one.
  await page.goto('./');
  await page.locator('a[rel="next"]').click();
  await expect(page).toHaveURL(/\/faq\/$/);
  await page.locator('a[rel="next"]').click();
  await expect(page).toHaveURL(/\/errata\/$/);
  await page.locator('a[rel="next"]').click();
  await expect(page).toHaveURL(/\/references\/$/);
  await expect(page.locator('a[rel="next"]')).toHaveCount(0);
  await page.locator('a[rel="prev"]').click();
  await expect(page).toHaveURL(/\/errata\/$/);
  await context.close();
});
