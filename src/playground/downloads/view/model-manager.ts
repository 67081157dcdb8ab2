/**
 * The "本机已下载的模型" panel: renders a ModelManagerSession (../manager-session.ts, where the
 * listing and deleting live) and forwards the reader's clicks.
 */

import type { CatalogueEntry } from '../../catalogue';
import { formatBytes } from '../../ui/bytes';
import type { ModelCacheEngine } from '../model-cache-engine';
import { describeKinds, ModelManagerSession, type ManagerRow, type ManagerState } from '../manager-session';
import { button, element, setDisabled, setHidden, setText, uniqueId } from '../../ui/dom';

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
  const session = new ModelManagerSession({
    engine: options.engine,
    ...(options.catalogue === undefined ? {} : { catalogue: options.catalogue }),
  });
  const headingId = uniqueId('model-manager');

  const section = element('section', 'model-manager');
  section.setAttribute('aria-labelledby', headingId);
  const heading = element(`h${options.headingLevel ?? 2}` as 'h2', 'model-panel-title', '本机已下载的模型');
  heading.id = headingId;
  heading.tabIndex = -1;
  const storageLine = element('p', 'model-hint model-storage');
  const empty = element('p', 'model-manager-empty', '这个浏览器里还没有本站下载的模型。');
  const list = element('ul', 'model-rows');
  const actions = element('div', 'model-actions');
  const deleteAll = button('全部删除');
  const confirmAll = button('确认全部删除', 'button model-danger');
  const cancelAll = button('取消');
  actions.append(deleteAll, confirmAll, cancelAll);
  const status = element('p', 'model-status');
  status.setAttribute('role', 'status');
  section.append(heading, storageLine, empty, list, actions, status);
  root.replaceChildren(section);

  let shownRows: readonly ManagerRow[] | null = null;
  let confirming = false;

  function rowItem(row: ManagerRow): HTMLLIElement {
    const item = element('li', 'model-row');
    item.dataset.modelIds = row.modelIds.join(' ');
    item.dataset.kind = row.kind;
    item.dataset.state = row.state;
    const name = element('span', 'model-row-name', row.label);
    const meta = element('span', 'model-row-meta', `${formatBytes(row.bytes)} · ${row.stateText}`);
    meta.classList.toggle('model-warning', row.state === 'damaged');
    const from = row.sourceNote === null ? [] : [element('span', 'model-row-source', row.sourceNote)];
    const remove = button('删除');
    remove.setAttribute('aria-label', `删除 ${row.label}（${formatBytes(row.bytes)}）`);
    remove.addEventListener('click', () => {
      // Keep keyboard users in the list: the row that took the deleted one's place, else the heading.
      const position = [...list.children].indexOf(item);
      void session.remove(row.key).then(() => {
        const buttons = list.querySelectorAll('button');
        (buttons[Math.min(position, buttons.length - 1)] ?? heading).focus();
      });
    });
    item.append(name, meta, ...from, remove);
    return item;
  }

  function render(state: ManagerState): void {
    setText(storageLine, state.storageText);
    if (state.rows !== shownRows) {
      shownRows = state.rows;
      list.replaceChildren(...state.rows.map(rowItem));
    }
    setHidden(empty, !state.listed || state.rows.length > 0);
    setHidden(actions, state.rows.length === 0);
    setHidden(deleteAll, state.confirming);
    setHidden(confirmAll, !state.confirming);
    setHidden(cancelAll, !state.confirming);
    const models = state.rows.filter((row) => row.kind === 'model').length;
    const total = state.rows.reduce((sum, row) => sum + row.bytes, 0);
    setText(confirmAll, `确认删除全部 ${models} 个${describeKinds(state.rows)}（${formatBytes(total)}）`);
    setText(status, state.status);
    for (const control of section.querySelectorAll('button')) setDisabled(control, state.busy);
    if (state.confirming !== confirming) {
      confirming = state.confirming;
      (confirming ? confirmAll : deleteAll).focus();
    }
  }

  deleteAll.addEventListener('click', () => session.askRemoveAll(true));
  cancelAll.addEventListener('click', () => session.askRemoveAll(false));
  confirmAll.addEventListener('click', () => void session.removeAll().then(() => heading.focus()));

  const stop = session.subscribe(render);
  render(session.getState());
  void session.refresh();

  return {
    refresh: () => session.refresh(),
    destroy() {
      stop();
      session.destroy();
    },
  };
}
