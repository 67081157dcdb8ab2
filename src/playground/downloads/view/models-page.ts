/**
 * /playground/models/: the source picker, ahead-of-time download and the cached-models panel,
 * sharing one engine that follows the reader's source choice.
 */

import { WorkerChatEngine } from '../../engine/worker-engine';
import { currentModelSource } from '../../sources/source-store';
import { mountModelDownloader } from './model-downloader';
import { mountModelManager } from './model-manager';
import { mountSourcePicker } from './source-picker';

function part(root: HTMLElement, name: string): HTMLElement {
  const found = root.querySelector<HTMLElement>(`[data-models-part="${name}"]`);
  if (found === null) throw new Error(`models page: no [data-models-part="${name}"]`);
  return found;
}

export function mountModelsPage(root: HTMLElement): void {
  const engine = new WorkerChatEngine({ source: currentModelSource });
  mountSourcePicker(part(root, 'source'));
  const manager = mountModelManager(part(root, 'manager'), { engine });
  mountModelDownloader(part(root, 'downloader'), { engine, onCacheChange: () => void manager.refresh() });
}
