/**
 * "What will this download?" shown before a load: the size of each chosen model (one, or two for
 * a side-by-side run), whether it is already in this browser, and the storage the browser grants.
 */

import { hasWebLlmCaches } from '../scan';
import { findCatalogueEntry } from '../../catalogue';
import type { ChatEngine } from '../../engine/chat-engine';
import { describePlan, planDownload, type DownloadPlan, type PlanFiles, type PlanItem } from '../plan';
import { readStorageFigures } from '../storage';
import { element } from '../../ui/dom';

export interface DownloadPlanView {
  /** Checks the cache and storage for these models and shows the result. */
  show(modelIds: readonly string[]): Promise<DownloadPlan>;
}

const WEB_LLM_FILES: PlanFiles = {
  find: findCatalogueEntry,
  anythingCached: () => hasWebLlmCaches(globalThis.caches),
  describe: describePlan,
};

export function mountDownloadPlan(
  root: HTMLElement,
  { engine, files = WEB_LLM_FILES }: { engine: Pick<ChatEngine, 'isCached'>; files?: PlanFiles },
): DownloadPlanView {
  const box = element('div', 'download-plan');
  root.replaceChildren(box);
  let latest = 0;

  return {
    async show(modelIds) {
      const request = ++latest;
      const entries = modelIds.map((id) => {
        const entry = files.find(id);
        if (entry === undefined) throw new Error(`Unknown model id ${id}`);
        return entry;
      });
      // An empty browser needs no engine to know nothing is cached (and starting one costs 2 MB).
      const anythingCached = await files.anythingCached();
      const [items, storage] = await Promise.all([
        Promise.all(
          entries.map(async (entry): Promise<PlanItem> => ({ entry, cached: anythingCached && (await engine.isCached(entry.id)) })),
        ),
        readStorageFigures(),
      ]);
      const plan = planDownload(items, storage);
      // A slower, older answer must not overwrite the newer choice's plan.
      if (request !== latest) return plan;
      const text = files.describe(plan);
      const list = element('ul', 'download-plan-items');
      for (const line of text.items) list.append(element('li', undefined, line));
      const parts: HTMLElement[] = [list, element('p', 'download-plan-summary', text.summary)];
      if (text.storage !== null) parts.push(element('p', 'model-hint', text.storage));
      if (text.warning !== null) parts.push(element('p', 'model-warning', text.warning));
      box.replaceChildren(...parts);
      return plan;
    },
  };
}
