import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** WCAG 2.2 AA and axe's best practices: the standard every page and island is held to. */
export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * axe as this site needs it. The site has no frames, so one axe.run in the page checks all of it
 * ("legacy mode"): axe's default runs each frame apart and hands every checked node back through
 * Node to a second, blank page, which took the article 50 s in place of 19 s. Only violations
 * keep their nodes; a rule that passed is still listed, with one.
 */
export function axe(page: Page): AxeBuilder {
  return new AxeBuilder({ page }).setLegacyMode().options({ resultTypes: ['violations'] });
}

/** Each violation as its rule, impact and first few nodes: empty when axe found nothing. */
export function describeViolations(results: Awaited<ReturnType<AxeBuilder['analyze']>>) {
  return results.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact,
    help: violation.help,
    nodes: violation.nodes.slice(0, 5).map((node) => `${node.target.join(' ')} — ${node.failureSummary?.split('\n')[1]?.trim()}`),
  }));
}
