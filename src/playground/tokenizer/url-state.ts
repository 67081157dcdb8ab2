/**
 * The text and the view live in the page's query string (?text=…&view=…) so a comparison can be
 * shared. Everything read here is untrusted: it only ever becomes a textarea's value.
 */
import type { ShareState } from '../share/share-href';

export const VIEWS = ['spans', 'ids', 'chat'] as const;
export type ViewMode = (typeof VIEWS)[number];
export const DEFAULT_VIEW: ViewMode = 'spans';

export interface SharedState {
  text: string | null;
  view: ViewMode;
}

const isView = (value: string | null): value is ViewMode => VIEWS.includes(value as ViewMode);

export function readSharedState(search: string): SharedState {
  const params = new URLSearchParams(search);
  const view = params.get('view');
  const text = params.get('text');
  return { text: text === null ? null : text.slice(0, 100_000), view: isView(view) ? view : DEFAULT_VIEW };
}

/** The query parameters the tokenizer's share link owns. */
export const SHARED_KEYS: readonly string[] = ['text', 'view'];

/** The state as a share link carries it (share/share-href.ts); the default view is left out. */
export function shareStateOf(text: string, view: ViewMode): ShareState {
  return { settings: { view: view === DEFAULT_VIEW ? undefined : view }, text: { text } };
}
