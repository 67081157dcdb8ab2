/**
 * "下载模型到本机": renders a DownloaderSession (../downloader-session.ts, where the workflow
 * lives) and forwards the reader's choices to it.
 */

import type { EnvironmentDescription } from '../../gpu/capability';
import type { CatalogueEntry } from '../../catalogue';
import type { LoadProgress } from '../../engine/chat-engine';
import type { ModelCacheEngine } from '../model-cache-engine';
import { probeGpuInWorker } from '../../gpu/probe-in-worker';
import { modelLabel } from '../plan';
import { DownloaderSession, type DownloaderState } from '../downloader-session';
import { mountDownloadPlan } from './download-plan';
import { createProgress, type ProgressReading } from '../../ui/progress';
import { button, element, setDisabled, setHidden, setText, uniqueId } from '../../ui/dom';

export interface ModelDownloaderOptions {
  /** An engine of its own: downloading loads the model and unloads it again. */
  engine: ModelCacheEngine;
  /** Called whenever the cached files may have changed (after a download, failed or not). */
  onCacheChange?: () => void;
  catalogue?: readonly CatalogueEntry[];
  /** Reads this browser's WebGPU situation; default: probe-gpu.ts in a worker (probe-in-worker.ts). */
  probe?: () => Promise<EnvironmentDescription>;
}

export interface ModelDownloader {
  destroy(): void;
}

const PHASES: Readonly<Record<Exclude<LoadProgress['phase'], 'other'>, string>> = {
  download: '下载模型权重',
  cache: '检查已下载的文件',
  compile: '试运行（准备显卡程序）',
};

function reading(state: DownloaderState): ProgressReading | null {
  if (!state.running) return null;
  const { progress } = state;
  if (progress === null) return { phase: state.activity, fraction: null };
  if (progress.phase === 'other') return { phase: progress.fraction >= 1 ? '下载完成，正在收尾……' : '正在下载模型配置和模型程序……', fraction: null };
  const { loadedBytes, totalBytes } = progress;
  return {
    phase: PHASES[progress.phase],
    fraction: progress.fraction,
    ...(loadedBytes === undefined ? {} : { loadedBytes }),
    ...(totalBytes === undefined ? {} : { totalBytes }),
  };
}

export function mountModelDownloader(root: HTMLElement, options: ModelDownloaderOptions): ModelDownloader {
  const { engine } = options;
  const session = new DownloaderSession({
    engine,
    ...(options.catalogue === undefined ? {} : { catalogue: options.catalogue }),
    probe: options.probe ?? probeGpuInWorker,
    ...(options.onCacheChange === undefined ? {} : { onCacheChange: options.onCacheChange }),
  });
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
  for (const entry of session.catalogue) {
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
  field.append(selectLabel, select);

  const planRoot = element('div');
  const plan = mountDownloadPlan(planRoot, { engine });

  const controls = element('div', 'model-actions');
  const start = button('下载到本机', 'button button-primary');
  controls.append(start);
  // Why the button is disabled, said before the click, not after a failed download.
  const blocked = element('p', 'model-warning');
  blocked.id = `${id}-blocked`;
  blocked.hidden = true;

  const progress = createProgress({ id, className: 'model-progress', cancelLabel: '取消下载', onCancel: () => session.cancel(), announce: true });

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

  section.append(heading, intro, field, planRoot, controls, blocked, progress.element, failure, done);
  root.replaceChildren(section);

  let planFor = '';
  function render(state: DownloaderState): void {
    if (select.value !== state.selectedId) select.value = state.selectedId;
    setDisabled(select, state.running);
    setText(blocked, state.blockedReason ?? '');
    setHidden(blocked, state.blockedReason === null);
    if (state.blockedReason === null) start.removeAttribute('aria-describedby');
    else start.setAttribute('aria-describedby', blocked.id);
    setDisabled(start, state.running || state.blockedReason !== null);
    progress.update(reading(state));
    const { failure: failed } = state;
    setHidden(failure, failed === null);
    setText(failureText, failed?.message ?? '');
    setText(failureDetailsText, failed?.details ?? '');
    setText(recoveryText, failed?.recovery ?? '');
    setHidden(retry, failed?.offer !== 'resume');
    setHidden(clean, failed?.offer !== 'clean-redownload');
    setDisabled(retry, state.running);
    setDisabled(clean, state.running);
    setText(done, state.done);
    // The plan follows the choice, the source and the cached files.
    const key = `${state.selectedId}|${state.cacheVersion}`;
    if (key !== planFor && !state.running) {
      planFor = key;
      void plan.show([state.selectedId]).catch(() => undefined);
    }
  }

  start.addEventListener('click', () => void session.start());
  retry.addEventListener('click', () => void session.retry());
  clean.addEventListener('click', () => void session.cleanRedownload());
  select.addEventListener('change', () => session.select(select.value));

  const stop = session.subscribe(render);
  render(session.getState());
  return {
    destroy() {
      stop();
      session.destroy();
    },
  };
}
