/**
 * The arena island's entry point, loaded by Island.astro when the island comes near the
 * viewport. This is the only place that names the production engine: the two WorkerChatEngines
 * are created on the reader's first 加载 or 开始对比 (see LazyEngine), and only then does web-llm
 * start to download. Tests pass `engineFactory` to put scripted engines behind the real view.
 */

import type { EnvironmentDescription } from '../gpu/capability';
import type { ChatEngine } from '../engine/chat-engine';
import { WorkerChatEngine } from '../engine/worker-engine';
import { joinGpuTenants } from '../gpu/gpu-tenants';
import { currentModelSource } from '../sources/source-store';
import { createCpuOffer } from '../cpu/view/cpu-offer';
import { ArenaSession, type ArenaBackend, type VoteStorage } from './arena-session';
import { decodeSharedRound, shareStateOf } from './share-url';
import { createArenaView } from './view/arena-view';
import { nextStepsOf } from '../ui/capability-notice';
import { nextTask } from '../../lib/next-task';
import { frameByFrame, topDown } from '../ui/dom';
import { browserPageUrl, type PageUrl } from '../share/view/share-link';
import type { ModelFamily } from '../../lib/model-families';

export interface MountArenaOptions {
  engineFactory?: (family: ModelFamily) => ChatEngine;
  /** Default WebGPU, with the CPU path offered under the arena. */
  backend?: ArenaBackend;
  /** Replaces the real WebGPU probe (tests). */
  probe?: () => Promise<EnvironmentDescription>;
  /** Where votes are kept; default localStorage (null when the browser refuses it). */
  storage?: VoteStorage | null;
  random?: () => number;
  reloadPage?: () => void;
  url?: PageUrl;
}

export interface MountedArena {
  arena: ArenaSession;
  /** Renders pending changes now (tests; the view otherwise renders once per frame). */
  flush(): void;
  /** Removes the island and ends its engines. */
  destroy(): Promise<void>;
}

let mountCount = 0;

function pageStorage(): VoteStorage | null {
  try {
    // Throws in some private modes and when storage is disabled for the site.
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** The island contract (scripts/islands.ts): production engines, real probe. */
export async function mount(root: HTMLElement): Promise<void> {
  await mountArena(root);
}

/**
 * Reads from the root: data-sync-url="true" on the arena page (the address bar carries the
 * shared round), data-share-href (the arena page, for the link shown elsewhere) and
 * data-heading-level (the island's headings, h4 under the article's "### 6.3").
 */
export async function mountArena(root: HTMLElement, options: MountArenaOptions = {}): Promise<MountedArena> {
  const data = root.dataset;
  const url = options.url ?? browserPageUrl;
  const syncUrl = data.syncUrl === 'true';
  // Read before the view exists: it rewrites the address as soon as the form is filled.
  const shared = syncUrl ? decodeSharedRound(new URL(url.current()).searchParams) : null;
  const level = Number(data.headingLevel);

  const arena: ArenaSession = new ArenaSession({
    // Asked on every call, so a download-source change made elsewhere on the site applies here too.
    engineFactory: options.engineFactory ?? (() => new WorkerChatEngine({ source: currentModelSource })),
    ...(options.backend === undefined ? {} : { backend: options.backend }),
    storage: options.storage === undefined ? pageStorage() : options.storage,
    ...(options.probe === undefined ? {} : { probe: options.probe }),
    ...(options.random === undefined ? {} : { random: options.random }),
    onWillLoad: () => tenancy.claim(),
  });
  const tenancy = joinGpuTenants(arena);
  const id = `arena-${++mountCount}`;
  const offerId = `${id}-cpu`;
  const view = createArenaView(arena, {
    id,
    headingLevel: level >= 2 && level <= 5 ? level : 4,
    reloadPage: options.reloadPage ?? (() => location.reload()),
    share: { syncUrl, arenaHref: data.shareHref ?? '/playground/arena/', url, opening: shareStateOf(shared ?? { prompt: '' }) },
    nextSteps: nextStepsOf(root, offerId),
  });
  // The CPU path replaces this arena in place, as in the chat; its code loads only on that click.
  let cpuArena: MountedArena | null = null;
  const offer =
    options.backend === undefined
      ? createCpuOffer(async () => {
          const { CPU_ARENA, createCpuEngine } = await import('../cpu/cpu-arena');
          await mounted.destroy();
          cpuArena = await mountArena(root, { ...options, backend: CPU_ARENA, engineFactory: createCpuEngine });
        })
      : null;
  // As in the chat (chat/mount.ts): its opening sentence at once, the rest a piece per animation
  // frame once the probe has decided what it shows, so no frame lays out the whole form.
  const later = [...view.element.children].slice(1);
  for (const piece of later) piece.remove();
  root.replaceChildren(view.element);
  // The GPU probe in a task of its own, apart from building the view.
  await nextTask();
  await arena.checkCapability();
  if (shared !== null) arena.applyShared(shared);
  view.flush();
  // The offer goes in last, once the arena has its final height, so it never moves.
  if (offer !== null) {
    offer.element.id = offerId;
    offer.update(arena.getState().capability?.ok === true);
  }
  await frameByFrame([...topDown(view.element, later, 2), ...(offer === null ? [] : [() => root.append(offer.element)])], root);

  const mounted: MountedArena = {
    arena,
    flush: view.flush,
    async destroy() {
      if (cpuArena !== null) return cpuArena.destroy();
      view.destroy();
      tenancy.leave();
      root.replaceChildren();
      await arena.dispose();
    },
  };
  return mounted;
}
