// The theme toggle. The inline script in BaseLayout applies a stored choice before first paint
// (and moves one stored under the old unprefixed key); this wires the button and remembers the
// reader's choice.
import { storageKey as prefixedKey } from '../lib/storage-key';

const storageKey = prefixedKey('theme');
type Theme = 'light' | 'dark';

function currentTheme(root: HTMLElement): Theme {
  const chosen = root.dataset.theme;
  if (chosen === 'light' || chosen === 'dark') return chosen;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function remember(theme: Theme): void {
  try {
    localStorage.setItem(storageKey, theme);
  } catch {
    // Storage can be disabled (private mode, policies); the choice then lasts for this page only.
  }
}

export function initThemeToggle(): void {
  const root = document.documentElement;
  for (const button of document.querySelectorAll<HTMLButtonElement>('.theme-toggle')) {
    const state = button.querySelector('.theme-state');
    const sync = () => {
      const dark = currentTheme(root) === 'dark';
      button.setAttribute('aria-pressed', String(dark));
      if (state !== null) state.textContent = dark ? '开' : '关';
    };
    button.hidden = false;
    sync();
    button.addEventListener('click', () => {
      const next: Theme = currentTheme(root) === 'dark' ? 'light' : 'dark';
      root.dataset.theme = next;
      remember(next);
      sync();
    });
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', sync);
  }
}
