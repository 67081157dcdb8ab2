/**
 * "下载模型到本机": fetch a model into this browser ahead of time, e.g. on a good connection,
 * so the chat demo later loads it from the cache.
 *
 * web-llm has no download-only call: reload() downloads, then puts the model on the GPU. So this
 * loads the model and unloads it again at once — which also proves the downloaded files work.
 * A failure offers the right next step: a retry that continues where the download stopped, or,
 * when a cached file is damaged, deleting the model's files and downloading again. A build this
 * device cannot run (no WebGPU, no shader-f16) is refused before the click, with the reason.
 */

import { decideCapability, type CapabilityDecision, type EnvironmentDescription } from '../../gpu/capability';
import { CATALOGUE, findCatalogueEntry, type CatalogueEntry } from '../../catalogue';
import type { LoadProgress } from '../../engine/chat-engine';
import { toEngineError, type EngineError } from '../../engine/errors';
import { currentModelSource, onModelSourceChange } from '../../sources/source-store';
import { formatBytes } from '../format';
import type { ModelCacheEngine } from '../model-cache-engine';
import { probeGpu } from '../../gpu/probe-gpu';
import { describeQuotaShortfall, downloadBlockedReason, modelLabel } from '../plan';
import { recoveryFor } from '../recovery';
import { persistIfFirstDownload, readStorageFigures } from '../storage';
import { summarizeCache, type SourcedReport } from '../cache-summary';
import { scanCachedModels } from '../scan';
import { sameSource } from '../../sources/model-source';
import { mountDownloadPlan } from './download-plan';
import { button, element, uniqueId } from '../../ui/dom';

export interface ModelDownloaderOptions {
  /** An engine of its own: downloading loads the model and unloads it again. */
  engine: ModelCacheEngine;
  /** Called whenever the cached files may have changed (after a download, failed or not). */
  onCacheChange?: () => void;
  catalogue?: readonly CatalogueEntry[];
  /** Reads this browser's WebGPU situation; default: probe-gpu.ts. */
  probe?: () => Promise<EnvironmentDescription>;
}

export interface ModelDownloader {
  destroy(): void;
}

function progressText(progress: LoadProgress): string {
  switch (progress.phase) {
    case 'download':
      return progress.loadedBytes !== undefined && progress.totalBytes !== undefined
        ? `正在下载模型权重：${formatBytes(progress.loadedBytes)} / ${formatBytes(progress.totalBytes)}`
        : `正在下载模型权重：${Math.round(progress.fraction * 100)}%`;
    case 'cache':
      return `正在检查已下载的文件：${Math.round(progress.fraction * 100)}%`;
    case 'compile':
      return `正在试运行（准备显卡程序）：${Math.round(progress.fraction * 100)}%`;
    case 'other':
      return progress.fraction >= 1 ? '下载完成，正在收尾……' : '正在下载模型配置和模型程序……';
  }
}

export function mountModelDownloader(root: HTMLElement, options: ModelDownloaderOptions): ModelDownloader {
  const { engine } = options;
  const catalogue = options.catalogue ?? CATALOGUE;
  const id = uniqueId('model-downloader');

  const section = element('section', 'model-downloader');
  section.setAttribute('aria-labelledby', `${id}-title`);
  const heading = element('h2', 'model-panel-title', '下载模型到本机');
  heading.id = `${id}-title`;
  const intro = element(
    'p',
    'model-hint',
    '可以先把模型下载到这个浏览器里（比如在网络好的时候），之后在对话演示中加载时就不用再等。下载完会在显卡上试运行一次，所以需要支持 WebGPU 的浏览器。',
  );

  const field = element('div', 'model-field');
  const selectLabel = element('label', undefined, '模型');
  selectLabel.htmlFor = `${id}-model`;
  const select = element('select');
  select.id = `${id}-model`;
  const groups = new Map<string, HTMLOptGroupElement>();
  for (const entry of catalogue) {
    let group = groups.get(entry.series);
    if (group === undefined) {
      group = element('optgroup');
      group.label = entry.series;
      groups.set(entry.series, group);
      select.append(group);
    }
    const option = element('option', undefined, modelLabel(entry));
    option.value = entry.id;
    group.append(option);
  }
  // q4f32 runs on every WebGPU device; the f16 builds need shader-f16.
  select.value = catalogue.find((entry) => entry.quantization === 'q4f32_1')?.id ?? catalogue[0]?.id ?? '';
  field.append(selectLabel, select);

  const planRoot = element('div');
  const plan = mountDownloadPlan(planRoot, { engine });

  const controls = element('div', 'model-actions');
  const start = button('下载到本机', 'button button-primary');
  const cancel = button('取消下载');
  cancel.hidden = true;
  controls.append(start, cancel);
  // Why the button is disabled, said before the click, not after a failed download.
  const blocked = element('p', 'model-warning');
  blocked.id = `${id}-blocked`;
  blocked.hidden = true;

  const progress = element('progress', 'model-progress');
  progress.max = 1;
  progress.value = 0;
  progress.hidden = true;
  progress.setAttribute('aria-labelledby', `${id}-progress`);
  const progressLine = element('p', 'model-hint');
  progressLine.id = `${id}-progress`;
  progressLine.setAttribute('aria-live', 'polite');

  const failure = element('div', 'model-failure');
  failure.setAttribute('role', 'alert');
  failure.hidden = true;
  const failureText = element('p', 'model-warning');
  // The file, host and status code, as in the chat's error panel.
  const failureDetails = element('details', 'chat-error-details');
  const failureDetailsText = element('p');
  failureDetails.append(element('summary', undefined, '技术细节'), failureDetailsText);
  const recoveryText = element('p', 'model-hint');
  const retry = button('重试（从中断处继续）');
  const clean = button('删除已下载的文件，重新下载');
  failure.append(failureText, failureDetails, recoveryText, retry, clean);

  const done = element('p', 'model-done');
  done.setAttribute('role', 'status');

  section.append(heading, intro, field, planRoot, controls, blocked, progress, progressLine, failure, done);
  root.replaceChildren(section);

  let running = false;
  const selected = (): CatalogueEntry => findCatalogueEntry(select.value) ?? catalogue[0]!;
  const showPlan = () => void plan.show([selected().id]).catch(() => undefined);

  let capability: CapabilityDecision | null = null;
  const probed = (options.probe ?? (() => probeGpu()))().then((env) => {
    capability = decideCapability(env);
    updateStart();
  });
  const blockedReason = (): string | null => (capability === null ? null : downloadBlockedReason(selected(), capability));

  function updateStart(): void {
    const reason = blockedReason();
    blocked.textContent = reason ?? '';
    blocked.hidden = reason === null;
    if (reason === null) start.removeAttribute('aria-describedby');
    else start.setAttribute('aria-describedby', blocked.id);
    start.disabled = running || reason !== null;
  }

  function setRunning(value: boolean): void {
    running = value;
    updateStart();
    select.disabled = value;
    retry.disabled = value;
    clean.disabled = value;
    cancel.hidden = !value;
    progress.hidden = !value;
  }

  async function explainFailure(entry: CatalogueEntry, error: EngineError): Promise<void> {
    const current = currentModelSource();
    const found = await scanCachedModels(engine, catalogue.map((e) => e.id), current).catch(() => []);
    const own = found.find(({ source, report }) => sameSource(source, current) && report.modelId === entry.id)?.report;
    // A 1k build shares its files with the full-context one: deleting it would delete this model.
    const ownFiles = new Set(own?.files.map((file) => file.url));
    const isOwn = ({ report }: SourcedReport) => report.files.some((file) => ownFiles.has(file.url));
    retry.hidden = true;
    clean.hidden = true;
    recoveryText.textContent = '';
    failureDetailsText.textContent = error.details;
    if (error.kind === 'storage-quota') {
      const cachedOfThis = own?.files.reduce((sum, file) => sum + file.bytes, 0) ?? 0;
      const others = summarizeCache(
        found.filter((item) => !isOwn(item)),
        catalogue,
      ).rows.map((row) => ({ label: row.label, bytes: row.bytes }));
      failureText.textContent = describeQuotaShortfall(
        Math.max(0, entry.estimatedDownloadBytes - cachedOfThis),
        await readStorageFigures(),
        others,
      );
      failure.hidden = false;
      return;
    }
    failureText.textContent = error.message;
    const recovery = recoveryFor(error.kind, own);
    if (recovery.action !== 'none') {
      recoveryText.textContent = recovery.message;
      retry.hidden = recovery.action !== 'resume';
      clean.hidden = recovery.action !== 'clean-redownload';
    }
    failure.hidden = false;
  }

  async function download(entry: CatalogueEntry, { deleteFirst }: { deleteFirst: boolean }): Promise<void> {
    if (running) return;
    setRunning(true);
    failure.hidden = true;
    done.textContent = '';
    progress.value = 0;
    progressLine.textContent = '正在准备……';
    try {
      if (deleteFirst) {
        progressLine.textContent = '正在删除已下载的文件……';
        await engine.deleteCached(entry.id);
      }
      const wasCached = await engine.isCached(entry.id);
      await engine.load(entry.id, {
        onProgress: (report) => {
          progress.value = report.fraction;
          progressLine.textContent = progressText(report);
        },
      });
      await engine.unload();
      progressLine.textContent = '';
      const persisted = await persistIfFirstDownload(wasCached);
      done.textContent = `${modelLabel(entry)} 已下载到本机并试运行成功，之后加载不需要再下载。${persisted ?? ''}`;
    } catch (error) {
      const engineError = toEngineError(error);
      progressLine.textContent = '';
      if (engineError.kind === 'load-cancelled') {
        done.textContent = '已取消下载。已下载的文件会保留，下次会从中断处继续。';
      } else {
        await explainFailure(entry, engineError);
      }
    } finally {
      setRunning(false);
      options.onCacheChange?.();
      showPlan();
    }
  }

  start.addEventListener('click', () => {
    // A click before the probe answered waits for it, so it is refused the same way.
    void probed.then(() => {
      if (blockedReason() === null) void download(selected(), { deleteFirst: false });
    });
  });
  retry.addEventListener('click', () => void download(selected(), { deleteFirst: false }));
  clean.addEventListener('click', () => void download(selected(), { deleteFirst: true }));
  cancel.addEventListener('click', () => void engine.unload());
  select.addEventListener('change', () => {
    failure.hidden = true;
    done.textContent = '';
    updateStart();
    showPlan();
  });

  showPlan();
  const stopListening = onModelSourceChange(showPlan);
  return { destroy: stopListening };
}
