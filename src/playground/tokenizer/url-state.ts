/**
 * The text and the view live in the page's query string (?text=…&view=…) so a comparison can be
 * shared. Everything read here is untrusted: it only ever becomes a textarea's value.
 */
export const VIEWS = ['spans', 'ids', 'chat'] as const;
export type ViewMode = (typeof VIEWS)[number];
export const DEFAULT_VIEW: ViewMode = 'spans';

/** Longer texts stay out of the link: very long URLs break in chat apps and some servers. */
export const URL_TEXT_LIMIT = 2000;

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

/** The link for `state`, keeping every other parameter and the fragment of `href` as they were. */
export function withSharedState(
  href: string,
  state: { text: string; view: ViewMode },
): { href: string; textIncluded: boolean } {
  const url = new URL(href);
  const textIncluded = state.text.length > 0 && state.text.length <= URL_TEXT_LIMIT;
  if (textIncluded) url.searchParams.set('text', state.text);
  else url.searchParams.delete('text');
  if (state.view === DEFAULT_VIEW) url.searchParams.delete('view');
  else url.searchParams.set('view', state.view);
  return { href: url.href, textIncluded: textIncluded || state.text.length === 0 };
}
