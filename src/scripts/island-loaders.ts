// Each island's code and stylesheets, loaded when the reader nears one of its roots (Island.astro).
import { loadWhenNear, type Island } from './islands';
import { siteUnreachable } from './site-reachable';
import { linkStylesheet } from '../playground/ui/stylesheet';
import islandStyles from '../playground/ui/island.css?url';
import chatStyles from '../playground/chat/view/chat.css?url';
import downloadStyles from '../playground/downloads/view/models.css?url';
import arenaStyles from '../playground/arena/view/arena.css?url';
import explorerStyles from '../playground/attention/view/explorer.css?url';
import tokenizerStyles from '../playground/tokenizer/view/tokenizer.css?url';

/** The island's code and its stylesheets (in cascade order), both loaded before it mounts. */
const withStyles = async (code: Promise<Island>, styles: string[]): Promise<Island> =>
  (await Promise.all([code, ...styles.map(linkStylesheet)]))[0];

// Dynamic imports, so each island is its own chunk that loads only when one of its roots is near.
const loaders: Record<string, () => Promise<Island>> = {
  chat: () => withStyles(import('../playground/chat/mount'), [islandStyles, chatStyles]),
  arena: () => withStyles(import('../playground/arena/mount'), [islandStyles, downloadStyles, arenaStyles]),
  attention: () => withStyles(import('../playground/attention/view/mount'), [explorerStyles]),
  tokenizer: () => withStyles(import('../playground/tokenizer/view/mount'), [tokenizerStyles]),
};

/** Watches every island root on the page and mounts its island when the reader nears it. */
export function mountIslandsWhenNear(): void {
  for (const [name, load] of Object.entries(loaders)) {
    const roots = document.querySelectorAll<HTMLElement>(`[data-island-root="${name}"]`);
    // IntersectionObserver never reports a display:none element, so the root must be shown to be
    // watched; while empty it takes no space.
    for (const root of roots) root.hidden = false;
    loadWhenNear(roots, () =>
      load().catch(async (error: unknown) => {
        if (await siteUnreachable()) {
          for (const root of roots) {
            const failed = root.nextElementSibling;
            if (failed instanceof HTMLElement && failed.dataset.offline) failed.textContent = failed.dataset.offline;
          }
        }
        throw error;
      }),
    );
  }
}
