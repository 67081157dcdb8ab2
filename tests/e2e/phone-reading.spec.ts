import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { builtPages } from '../../scripts/site-files.mjs';
import { rootSite } from './sites.mjs';
import { drawSkippedParts } from './open-settled';

// Reading the long article on a 360 px phone and a 1280 px laptop: nothing cut off without a cue,
// and a way to find one's place. Screenshots of the parts most often cut off are attached to the
// report for a person to look at; the assertions say what must hold in them.

const phone = { width: 360, height: 740 };
const laptop = { width: 1280, height: 800 };

async function attachView(page: Page, testInfo: TestInfo, name: string) {
  await testInfo.attach(name, { body: await page.screenshot(), contentType: 'image/png' });
}

/** Scrolls an element to the top of the window until it stays put (the sections around it are
 * drawn as they come near, and change the page's length). */
async function bringToTop(page: Page, selector: string) {
  const element = page.locator(selector).first();
  let previous = Number.NaN;
  await expect
    .poll(async () => {
      const top = await element.evaluate((el) => (el.scrollIntoView({ block: 'start' }), Math.round(el.getBoundingClientRect().top)));
      const settled = top === previous;
      previous = top;
      return settled;
    })
    .toBe(true);
  await expect(element).toBeInViewport();
}

const byId = (page: Page, hash: string) => page.locator(`[id="${decodeURIComponent(hash.slice(1))}"]`);

/** Scroll boxes that show formulas, with how wide their content is and whether they cue it. */
function formulaBoxes(page: Page) {
  return page.locator('.equation-body, .formula-display.scroll-x, .erratum-formula-scroll').evaluateAll((boxes) =>
    boxes.map((box) => {
      const style = getComputedStyle(box);
      return {
        id: box.closest('[id]')?.id ?? '',
        overflows: box.scrollWidth > box.clientWidth,
        scrolls: style.overflowX === 'auto' || style.overflowX === 'scroll',
        // The cue: shadows at the edges that show where there is more.
        cued: style.backgroundImage.includes('radial-gradient'),
      };
    }),
  );
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    test('at 1280 px every numbered formula fits its column; none is clipped without a cue', async ({ page }, testInfo) => {
      await page.setViewportSize(laptop);
      await page.goto('./');
      const numbered = await page.locator('.equation-body').evaluateAll((boxes) =>
        boxes.map((box) => ({ id: box.closest('figure')!.id, scrollWidth: box.scrollWidth, clientWidth: box.clientWidth })),
      );
      expect(numbered.length).toBeGreaterThanOrEqual(9);
      for (const box of numbered) expect(box.scrollWidth, box.id).toBeLessThanOrEqual(box.clientWidth);
      for (const box of await formulaBoxes(page)) expect(!box.overflows || (box.scrolls && box.cued), box.id).toBe(true);
      await bringToTop(page, '.equation >> nth=-1');
      await attachView(page, testInfo, `formula-1280-${scheme}`);
    });

    test('at 360 px a formula too wide scrolls in its own full-width box with a cue', async ({ page }, testInfo) => {
      await page.setViewportSize(phone);
      await page.goto('./');
      const boxes = await formulaBoxes(page);
      expect(boxes.some((box) => box.overflows)).toBe(true);
      for (const box of boxes) expect(!box.overflows || (box.scrolls && box.cued), box.id).toBe(true);
      // The number and name stand above the formula, which has the column's whole width.
      const layout = await page.locator('.equation').first().evaluate((figure) => {
        const body = figure.querySelector('.equation-body')!.getBoundingClientRect();
        const caption = figure.querySelector('figcaption')!.getBoundingClientRect();
        return { bodyWidth: body.width, figureWidth: figure.getBoundingClientRect().width, captionAbove: caption.bottom <= body.top + 1 };
      });
      expect(layout.bodyWidth).toBeGreaterThanOrEqual(layout.figureWidth - 1);
      expect(layout.captionAbove).toBe(true);
      await bringToTop(page, '.equation >> nth=-1');
      await attachView(page, testInfo, `formula-360-${scheme}`);
    });

    test('at 360 px a wide table keeps its first column in view while it scrolls', async ({ page }, testInfo) => {
      await page.setViewportSize(phone);
      await page.goto('./');
      const box = page.locator('.architecture .table-scroll').first();
      await bringToTop(page, '.architecture .table-scroll');
      const scrolled = await box.evaluate((el) => {
        el.scrollLeft = el.scrollWidth;
        return el.scrollLeft;
      });
      expect(scrolled).toBeGreaterThan(100);
      const rowLabel = box.locator('tbody th').first();
      await expect
        .poll(async () => {
          const [label, frame] = await Promise.all([rowLabel.boundingBox(), box.boundingBox()]);
          return label && frame ? Math.round(label.x - frame.x) : null;
        })
        .toBe(0);
      // The caption wraps inside the box instead of running past its edge.
      const caption = await box.evaluate((el) => ({
        caption: el.querySelector('caption')!.getBoundingClientRect().width,
        box: el.clientWidth,
      }));
      expect(caption.caption).toBeLessThanOrEqual(caption.box);
      await attachView(page, testInfo, `table-360-${scheme}`);
    });

    test('at 360 px the errata index is a list of two-line entries within the column; at 1280 px a table of one-line rows', async ({ page }, testInfo) => {
      await page.setViewportSize(phone);
      await page.goto('./errata/');
      const table = page.locator('.errata-table');
      const rows = table.locator('tbody tr');
      await expect(rows).toHaveCount(29);
      const entries = () =>
        rows.evaluateAll((trs) =>
          trs.map((tr) => {
            const box = (el: Element) => el.getBoundingClientRect();
            const [number, where, severity, summary] = [...tr.children].map(box) as [DOMRect, DOMRect, DOMRect, DOMRect];
            return {
              id: tr.id,
              display: getComputedStyle(tr).display,
              right: Math.max(box(tr).right, summary.right),
              // Number, where and severity on the first line; what was wrong, in words, below them.
              firstLine: Math.max(number.top, where.top, severity.top) < Math.min(number.bottom, where.bottom, severity.bottom),
              summaryBelow: summary.top >= Math.max(number.bottom, severity.bottom) - 1 && (tr.lastElementChild!.textContent ?? '').trim().length > 5,
              height: box(tr).height,
              lineHeight: parseFloat(getComputedStyle(tr.lastElementChild!).lineHeight),
            };
          }),
        );
      for (const entry of await entries()) {
        expect(entry.display, entry.id).toBe('grid');
        expect(entry.right, entry.id).toBeLessThanOrEqual(phone.width);
        expect(entry.firstLine, entry.id).toBe(true);
        expect(entry.summaryBelow, entry.id).toBe(true);
      }
      // Nothing in the index scrolls sideways.
      expect(await table.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      await bringToTop(page, '.errata-table tbody tr');
      await attachView(page, testInfo, `errata-360-${scheme}`);

      // At 1280 px a table whose rows each take one line, so the 29 fit in about two screens.
      await page.setViewportSize(laptop);
      await expect.poll(() => rows.first().evaluate((tr) => getComputedStyle(tr).display)).toBe('table-row');
      const wide = await entries();
      expect(wide.filter((entry) => entry.height > 2 * entry.lineHeight).map((entry) => entry.id)).toEqual([]);
      expect(await table.evaluate((el) => el.getBoundingClientRect().right <= el.parentElement!.getBoundingClientRect().right)).toBe(true);
      await bringToTop(page, '.errata-table');
      await attachView(page, testInfo, `errata-1280-${scheme}`);
    });
  });
}

test.describe('no page is wider than a 360 px phone', () => {
  test.use({ viewport: phone });
  for (const path of builtPages(rootSite.dir)) {
    test(`/${path}`, async ({ page }) => {
      await page.goto(`./${path}`);
      // Parts far from the screen are skipped (content-visibility) and would hide their overflow.
      await drawSkippedParts(page);
      await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    });
  }
});

test.describe('finding one’s way on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('the contents control is on screen far down the page and opens the contents to jump', async ({ page }) => {
    await page.goto('./');
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
    const control = page.locator('#contents-control');
    await expect(control).toBeInViewport();
    await control.tap();
    const toc = page.locator('#toc');
    await expect(control).toHaveAttribute('aria-expanded', 'true');
    // The contents open at the section being read; which one the middle of the page is depends on
    // the heights guessed for the parts not drawn yet, so the reader scrolls the contents to 6.1.
    await expect(toc.locator('a[aria-current="location"]')).toBeInViewport();
    const entry = toc.locator('a', { hasText: '6.1 智能客服' });
    await entry.scrollIntoViewIfNeeded();
    await expect(entry).toBeInViewport();
    await entry.tap();
    await expect(page).toHaveURL(/#61-/);
    await expect(control).toHaveAttribute('aria-expanded', 'false');
    await expect(page.locator('h3', { hasText: '6.1 智能客服' })).toBeInViewport();
    await expect(entry).toHaveAttribute('aria-current', 'location');
  });

  test('a jump far down or up lands its target exactly under the top, on a fully drawn screen', async ({ page }, testInfo) => {
    await page.goto('./');
    // Every heading in the contents, and some of the other in-page link targets (references,
    // equations, errata), alternately far down and far up: the parts skipped in between hold
    // guessed heights until drawn.
    const targets = await page.evaluate(() => {
      const ids = (selector: string) => [...document.querySelectorAll<HTMLAnchorElement>(selector)].map((a) => decodeURIComponent(a.hash.slice(1)));
      const headings = ids('#toc a[href^="#"]');
      const others = [...new Set(ids('main a[href^="#"]'))].filter((id) => !headings.includes(id) && document.getElementById(id));
      const chosen = [...headings, ...others.filter((_, i) => i % 5 === 0)];
      return chosen.map((_, i) => chosen[i % 2 === 0 ? chosen.length - 1 - i / 2 : (i - 1) / 2]!);
    });
    expect(targets.length).toBeGreaterThan(30);
    for (const [i, id] of targets.entries()) {
      await page.evaluate((id) => (location.hash = id), id);
      await expect
        .poll(
          () =>
            page.evaluate((id) => {
              const wanted = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
              const top = document.getElementById(id)!.getBoundingClientRect().top;
              // A part on screen whose content is still skipped would be a blank stretch.
              const blank = [...document.querySelectorAll('.article-part')].filter((part) => {
                const box = part.getBoundingClientRect();
                return box.bottom > 0 && box.top < innerHeight && ![...part.children].some((child) => child.checkVisibility({ contentVisibilityAuto: true }));
              });
              return { id, offBy: Math.abs(top - wanted) <= 4 ? 0 : Math.round(top - wanted), blank: blank.length };
            }, id),
          { timeout: 10_000 },
        )
        .toEqual({ id, offBy: 0, blank: 0 });
      if (i % 10 === 0) await attachView(page, testInfo, `jump-${i}`);
    }
  });

  test('back to top returns to the start of the article', async ({ page }) => {
    await page.goto('./');
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
    const backToTop = page.locator('.reading-control', { hasText: '回到顶部' });
    await expect(backToTop).toBeInViewport();
    await backToTop.tap();
    await expect(page.locator('.article-header h1')).toBeInViewport();
  });

  test('a tap on a citation previews the reference from the references page; a second tap goes there, and the reference links back', async ({ page }) => {
    await page.goto('./');
    const citation = page.locator('main .cite-link').nth(5);
    await citation.scrollIntoViewIfNeeded();
    const box = await citation.boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(24);
    expect(box!.height).toBeGreaterThanOrEqual(24);

    await citation.tap();
    const preview = page.locator('#cite-tooltip');
    await expect(preview).toBeVisible();
    // The reference itself, fetched from its page: its title, in a <cite> as the list writes it.
    await expect(preview.locator('cite')).toHaveCount(1);
    await expect(preview).toBeInViewport({ ratio: 1 });
    const title = (await preview.locator('cite').textContent())!;
    const href = (await citation.getAttribute('href'))!;
    expect(new URL(page.url()).hash).toBe('');

    await citation.tap();
    await expect(page).toHaveURL(new URL(href, page.url()).href);
    const reference = byId(page, new URL(href, page.url()).hash);
    await expect(reference).toBeInViewport();
    await expect(reference.locator('cite')).toHaveText(title);
    const back = reference.locator('.ref-back');
    await back.tap();
    await expect(page).toHaveURL(/\/#cite-6$/);
    await expect(page.locator('main .cite-link').nth(5)).toBeInViewport();
  });

  test('the reference links back to the last citation used, not the first, on whichever page it stands', async ({ page }) => {
    await page.goto('faq/');
    const href = (await page.locator('main .cite-link').first().getAttribute('href'))!;
    const citations = page.locator(`main .cite-link[href="${href}"]`);
    expect(await citations.count()).toBeGreaterThan(1);
    const later = citations.last();
    const laterIndex = await later.evaluate((link) => [...document.querySelectorAll('.cite-link')].indexOf(link as Element) + 1);
    await later.scrollIntoViewIfNeeded();
    await later.tap();
    await expect(page.locator('#cite-tooltip cite')).toBeVisible();
    await page.locator('#cite-tooltip .cite-tooltip-jump').tap();
    const reference = byId(page, new URL(href, page.url()).hash);
    await expect(reference).toBeInViewport();
    await reference.locator('.ref-back').tap();
    await expect(page).toHaveURL(new RegExp(`/faq/#cite-${laterIndex}$`));
    await expect(page.locator('main .cite-link').nth(laterIndex - 1)).toBeInViewport();
  });

  test('offline, the preview says the reference could not be loaded and still leads to it', async ({ page, context }) => {
    await page.goto('./');
    await context.route('**/references/', (route) => route.abort('internetdisconnected'));
    const citation = page.locator('main .cite-link').first();
    await citation.scrollIntoViewIfNeeded();
    await citation.tap();
    const preview = page.locator('#cite-tooltip');
    await expect(preview).toContainText('参考文献没能载入');
    await expect(preview.locator('.cite-tooltip-jump')).toHaveAttribute('href', (await citation.getAttribute('href'))!);
    // Back online, the next preview loads it.
    await context.unroute('**/references/');
    await page.locator('main h1').tap();
    await expect(preview).toBeHidden();
    await citation.tap();
    await expect(preview.locator('cite')).toBeVisible();
  });
});

test.describe('finding one’s way on a laptop', () => {
  test.use({ viewport: laptop });

  test('after an in-page jump the contents highlight the section jumped to, in sight', async ({ page }) => {
    await page.goto('./');
    const toc = page.locator('#toc');
    // A jump from the text (the summary's link to the chart of the builds' sizes, in section 5), not from the contents.
    await page.locator('main a[href="#build-size-chart"]').first().click();
    const section = await page.locator('#build-size-chart').evaluate((target) => {
      const headings = [...document.querySelectorAll('.prose :is(h2, h3)[id]')];
      return headings.filter((h) => h.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING).at(-1)!.id;
    });
    const entry = toc.locator(`a[href="#${section}"]`);
    await expect(entry).toHaveAttribute('aria-current', 'location');
    await expect(entry).toBeInViewport();
    await expect(toc.locator('[aria-current="location"]')).toHaveCount(1);

    // And back to the start from the contents: the first entry is current and in sight again.
    const first = toc.locator('a[href^="#"]').first();
    await first.click();
    await expect(first).toHaveAttribute('aria-current', 'location');
    await expect(first).toBeInViewport();
  });

  test('the contents list the article’s four pages, and under the one being read its sections', async ({ page }) => {
    const pages = ['正文', '9. 附录：常见问题与解答', '附录：勘误表', '参考文献'];
    await page.goto('./');
    const toc = page.locator('#toc');
    await expect(toc.locator('.toc-page')).toHaveText(pages);
    await expect(toc.locator('[aria-current="page"]')).toHaveText('正文');
    expect(await toc.locator('a[href^="#"]').count()).toBeGreaterThan(20);
    await toc.locator('.toc-page a', { hasText: '常见问题' }).click();
    await expect(page).toHaveURL(/\/faq\/$/);
    await expect(page.locator('h1')).toHaveText(pages[1]!);
    await expect(toc.locator('[aria-current="page"]')).toHaveText(pages[1]!);
    await expect(toc.locator('a[href^="#"]')).toHaveText([/^9\.1 /, /^9\.2 /, /^9\.3 /]);
    await toc.locator('.toc-page a', { hasText: '正文' }).click();
    await expect(page.locator('h1')).toContainText('阿里通义千问 vs Llama 3');
  });

  test('a mouse user sees the preview on hover and jumps on click; keyboard users on focus', async ({ page }) => {
    await page.goto('./');
    const citation = page.locator('main .cite-link').first();
    await citation.hover();
    const preview = page.locator('#cite-tooltip');
    await expect(preview).toBeVisible();
    await expect(citation).toHaveAttribute('aria-describedby', 'cite-tooltip');
    await page.keyboard.press('Escape');
    await expect(preview).toBeHidden();
    await citation.click();
    await expect(page).toHaveURL(/\/references\/#ref-/);
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });

  test('citations and the reading controls are plain links that work', async ({ page }) => {
    await page.goto('./');
    await expect(page.locator('#cite-tooltip')).toHaveCount(0);
    const citation = page.locator('main .cite-link').first();
    const target = new URL((await citation.getAttribute('href'))!, page.url());
    await citation.click();
    await expect(page).toHaveURL(target.href);
    await expect(byId(page, target.hash)).toBeInViewport();
    await page.locator('#contents-control').click();
    await expect(page.locator('#toc a').first()).toBeInViewport();
  });
});
