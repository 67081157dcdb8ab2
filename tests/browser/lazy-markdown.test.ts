/**
 * The answer renderer loaded on demand: text that arrives before it is shown as plain text — an
 * HTML tag in it stays text — and is rendered as Markdown once the renderer is there. Its own
 * file, so the renderer is not loaded yet when the test starts.
 */
import { expect, test } from 'vitest';
import { LazyMarkdownView } from '../../src/playground/answer/lazy-markdown';
import { afterImageErrors } from '../fixtures/dom';

declare global {
  interface Window {
    __lazyPwned?: number;
  }
}

test('an answer that arrives before the renderer is shown as plain text, then as Markdown', async () => {
  const container = document.createElement('div');
  document.body.append(container);
  let ready!: () => void;
  const arrived = new Promise<void>((resolve) => (ready = resolve));
  const view = new LazyMarkdownView(container, ready);
  const answer = '**粗体**\n<img src=x onerror="window.__lazyPwned = 1">';

  expect(view.render('')).toBe(true);
  expect(view.render(answer)).toBe(false);
  expect(container.querySelector('img, strong')).toBeNull();
  expect(container.textContent).toBe('**粗体**<img src=x onerror="window.__lazyPwned = 1">');

  await arrived;
  expect(view.render(answer)).toBe(true);
  expect(container.querySelector('strong')?.textContent).toBe('粗体');
  expect(container.querySelector('img')).toBeNull();
  expect(container.querySelectorAll('p')).toHaveLength(1);
  await afterImageErrors();
  expect(window.__lazyPwned).toBeUndefined();
  container.remove();
});
