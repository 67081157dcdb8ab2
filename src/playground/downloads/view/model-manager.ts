/**
 * The "本机已下载的模型" panel: every model this browser holds, its size and state, delete one,
 * delete all, and what the site uses of the browser's storage.
 *
 * The listing runs in the engine worker (list-cached) with web-llm's own cache checks and the
 * same config a load would use, for the current source and the presets (see scan.ts). The CPU
 * path's GGUF files are listed and deleted through wllama's own cache (cpu/gguf-cache.ts).
 */

import { CATALOGUE, type CatalogueEntry } from '../../catalogue';
import { CPU_CATALOGUE, findGgufBuild } from '../../cpu/gguf-catalogue';
import { toEngineError } from '../../engine/errors';
import { describeSource, sameSource, type ModelSource } from '../../sources/model-source';
import { currentModelSource, onModelSourceChange } from '../../sources/source-store';
import { describeRowState, summarizeCache, type CacheRow } from '../cache-summary';
import { scanCachedGguf, scanCachedModels } from '../scan';
import { aboutBytes, formatBytes } from '../format';
import type { ModelCacheEngine } from '../model-cache-engine';
import { readStorageFigures } from '../storage';
import { button, element, uniqueId } from '../../ui/dom';

export interface ModelManagerOptions {
  engine: ModelCacheEngine;
  catalogue?: readonly CatalogueEntry[];
  /** Where the panel sits in the page's outline; 2 on its own page. */
  headingLevel?: 2 | 3 | 4;
}

export interface ModelManager {
  /** Lists again; call after a load finished or failed elsewhere on the page. */
  refresh(): Promise<void>;
  destroy(): void;
}

export function mountModelManager(root: HTMLElement, options: ModelManagerOptions): ModelManager {
  const { engine } = options;
  const catalogue = options.catalogue ?? CATALOGUE;
  const ids = catalogue.map((entry) => entry.id);
  const headingId = uniqueId('model-manager');

  const section = element('section', 'model-manager');
  section.setAttribute('aria-labelledby', headingId);
  const heading = element(`h${options.headingLevel ?? 2}` as 'h2', 'model-panel-title', '本机已下载的模型');
  heading.id = headingId;
  heading.tabIndex = -1;
  const storageLine = element('p', 'model-hint model-storage', '正在查看本机存储……');
  const empty = element('p', 'model-manager-empty', '这个浏览器里还没有本站下载的模型。');
  empty.hidden = true;
  const list = element('ul', 'model-rows');
  const actions = element('div', 'model-actions');
  const deleteAll = button('全部删除');
  const confirmAll = button('确认全部删除', 'button model-danger');
  const cancelAll = button('取消');
  confirmAll.hidden = true;
  cancelAll.hidden = true;
  actions.append(deleteAll, confirmAll, cancelAll);
  const status = element('p', 'model-status');
  status.setAttribute('role', 'status');
  section.append(heading, storageLine, empty, list, actions, status);
  root.replaceChildren(section);

  let rows: CacheRow[] = [];
  let busy = false;
  let generation = 0;

  function setBusy(value: boolean): void {
    busy = value;
    for (const control of section.querySelectorAll('button')) control.disabled = value;
  }

  async function refresh(): Promise<void> {
    const mine = ++generation;
    const current = currentModelSource();
    const found = [...(await scanCachedModels(engine, ids, current)), ...(await scanCachedGguf(current))];
    const storage = await readStorageFigures();
    if (mine !== generation) return;
    const summary = summarizeCache(found, [...catalogue, ...CPU_CATALOGUE]);
    rows = summary.rows;

    storageLine.textContent =
      storage === null
        ? `模型文件共占用 ${formatBytes(summary.totalBytes)}。这个浏览器没有告诉本站存储上限。`
        : `模型文件共占用 ${formatBytes(summary.totalBytes)}；本站在这个浏览器里一共占用 ${formatBytes(storage.usage)}，浏览器允许的上限${aboutBytes(storage.quota)}。`;
    empty.hidden = rows.length > 0;
    actions.hidden = rows.length === 0;
    list.replaceChildren(
      ...rows.map((row) => {
        const item = element('li', 'model-row');
        item.dataset.modelIds = row.modelIds.join(' ');
        item.dataset.state = row.state;
        const name = element('span', 'model-row-name', row.label);
        const meta = element('span', 'model-row-meta', `${formatBytes(row.bytes)} · ${describeRowState(row)}`);
        meta.classList.toggle('model-warning', row.state === 'damaged');
        const from = sameSource(row.source, current)
          ? null
          : element('span', 'model-row-source', `来自${describeSource(row.source)}（不是现在选用的下载源）`);
        const remove = button('删除');
        remove.setAttribute('aria-label', `删除 ${row.label}（${formatBytes(row.bytes)}）`);
        remove.addEventListener('click', () => void removeRows([row], item));
        item.append(name, meta, ...(from === null ? [] : [from]), remove);
        return item;
      }),
    );
    setBusy(busy);
  }

  async function removeRows(targets: readonly CacheRow[], item: HTMLElement | null): Promise<void> {
    if (busy) return;
    setBusy(true);
    const position = item === null ? -1 : [...list.children].indexOf(item);
    try {
      for (const row of targets) {
        // The second id of a row that shares files finds nothing left; deleting is idempotent.
        for (const modelId of row.modelIds) await deleteModel(modelId, row.source);
      }
      const freed = targets.reduce((sum, row) => sum + row.bytes, 0);
      status.textContent =
        targets.length === 1 ? `已删除 ${targets[0]!.label}，释放了 ${formatBytes(freed)}。` : `已删除全部模型，释放了 ${formatBytes(freed)}。`;
    } catch (error) {
      status.textContent = `删除没有完成：${toEngineError(error).message}`;
    } finally {
      setBusy(false);
    }
    await refresh().catch(reportFailure);
    // Keep keyboard users in the list: the row that took the deleted one's place, else the heading.
    const buttons = list.querySelectorAll('button');
    const replacement = position >= 0 ? buttons[Math.min(position, buttons.length - 1)] : undefined;
    (replacement ?? heading).focus();
  }

  async function deleteModel(modelId: string, source: ModelSource): Promise<void> {
    const gguf = findGgufBuild(modelId);
    if (gguf === undefined) return engine.deleteCached(modelId, { source });
    const { deleteCachedGguf } = await import('../../cpu/gguf-cache');
    await deleteCachedGguf(gguf, source);
  }

  function showConfirm(confirming: boolean): void {
    deleteAll.hidden = confirming;
    confirmAll.hidden = !confirming;
    cancelAll.hidden = !confirming;
    if (confirming) {
      const total = rows.reduce((sum, row) => sum + row.bytes, 0);
      confirmAll.textContent = `确认删除全部 ${rows.length} 个模型（${formatBytes(total)}）`;
    }
    (confirming ? confirmAll : deleteAll).focus();
  }

  function reportFailure(error: unknown): void {
    storageLine.textContent = `没能读取本机已下载的模型：${toEngineError(error).message}`;
  }

  deleteAll.addEventListener('click', () => showConfirm(true));
  cancelAll.addEventListener('click', () => showConfirm(false));
  confirmAll.addEventListener('click', () => {
    showConfirm(false);
    void removeRows(rows, null);
  });

  const stopListening = onModelSourceChange(() => void refresh().catch(reportFailure));
  void refresh().catch(reportFailure);

  return {
    refresh: () => refresh().catch(reportFailure),
    destroy: stopListening,
  };
}
