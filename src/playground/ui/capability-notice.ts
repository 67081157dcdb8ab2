/**
 * The sentence at the top of a chat or arena island that says whether this device can run the
 * models. When it cannot, one island per page holds the whole notice: what is missing and what to
 * try on this kind of device (capability.ts), the demos that work right now (links), and what the
 * island would offer with WebGPU — the models with their download sizes and memory needs, read
 * only. Every other island on the page says so in one line linking to it, so an article with four
 * islands does not repeat the same warning four times. The first island to find the problem holds
 * the notice; if it goes away (the chat switched to the CPU path), the next one takes it over.
 */

import { CATALOGUE, type CatalogueEntry } from '../catalogue';
import type { CapabilityDecision } from '../gpu/capability';
import { element, setText } from './dom';
import { formatBytes, formatMegabytes } from './bytes';

/** Where the demos that need no graphics card are. */
export interface NextSteps {
  /** The CPU path: the id of this island's own offer, right below it on the page. */
  cpuOfferId: string;
  tokenizerHref: string;
  explorerHref: string;
  /** On the demo's own page the model list starts open; in the article it is one line until asked. */
  showModels: boolean;
}

/**
 * Read from the island root's data-tokenizer-href, data-explorer-href and data-standalone (set by
 * the .astro component, under the site's base path); undefined on a root without them (tests).
 */
export function nextStepsOf(root: HTMLElement, cpuOfferId: string): NextSteps | undefined {
  const { tokenizerHref, explorerHref, standalone } = root.dataset;
  if (tokenizerHref === undefined || explorerHref === undefined) return undefined;
  return { cpuOfferId, tokenizerHref, explorerHref, showModels: standalone === 'true' };
}

export interface CapabilityNotice {
  element: HTMLElement;
  update(capability: CapabilityDecision | null): void;
  /** Whether this island holds the page's whole notice (it shows its settings read-only too). */
  readonly full: boolean;
  destroy(): void;
}

interface Holder {
  id: string;
  render(): void;
}

/** The islands on this page that found the device unable, in the order they found it. */
const claims: Holder[] = [];

const CHECKING = '正在检查你的浏览器能否在本机运行模型……';

export function createCapabilityNotice(id: string, steps: NextSteps | undefined, onRoleChange?: () => void): CapabilityNotice {
  const root = element('div', 'chat-capability');
  root.id = `${id}-capability`;
  const message = element('p', 'chat-capability-message');
  root.append(message);
  let last: CapabilityDecision | null = null;
  let full = false;

  const self: Holder = {
    id: root.id,
    render() {
      const holder = claims[0];
      const nowFull = holder === self;
      if (nowFull === full && root.dataset.notice !== undefined) return;
      full = nowFull;
      root.dataset.notice = full ? 'full' : 'reference';
      root.replaceChildren(...(full ? [message, ...fullNotice(steps)] : [referenceTo(holder?.id ?? root.id)]));
      setText(message, last?.message ?? '');
      onRoleChange?.();
    },
  };

  return {
    element: root,
    get full() {
      return full;
    },
    update(capability) {
      last = capability;
      root.dataset.ok = String(capability?.ok === true);
      if (capability === null || capability.ok || steps === undefined) {
        setText(message, capability?.message ?? CHECKING);
        return;
      }
      if (!claims.includes(self)) claims.push(self);
      self.render();
    },
    destroy() {
      const index = claims.indexOf(self);
      if (index === -1) return;
      claims.splice(index, 1);
      for (const other of claims) other.render();
    },
  };
}

function link(href: string, text: string): HTMLAnchorElement {
  const anchor = element('a', undefined, text);
  anchor.href = href;
  return anchor;
}

function referenceTo(holderId: string): HTMLElement {
  const line = element('p', 'chat-capability-reference');
  line.append('这台设备不能用显卡运行这里的模型，原因和现在就能用的演示见', link(`#${holderId}`, '本页的说明'), '。');
  return line;
}

function fullNotice(steps: NextSteps | undefined): HTMLElement[] {
  if (steps === undefined) return [];
  const lead = element('p', 'chat-capability-lead', '不用显卡，现在就能试：');
  const list = element('ul', 'chat-capability-steps');
  const item = (anchor: HTMLAnchorElement, rest: string) => {
    const li = element('li');
    li.append(anchor, rest);
    return li;
  };
  list.append(
    // The chat and the arena each offer the CPU path right below themselves, in place.
    item(link(`#${steps.cpuOfferId}`, '用 CPU 运行小模型'), '：比显卡慢，手机上也能回答；'),
    item(link(steps.tokenizerHref, '分词器对比'), '：Qwen 和 Llama 3 的真实分词器；'),
    item(link(steps.explorerHref, '注意力权重演示'), '：逐步计算注意力和因果掩码。'),
  );
  return [lead, list, modelOverview(steps.showModels)];
}

/** Each model once, with its smallest build: what the picker would offer on a device with WebGPU. */
function smallestBuilds(catalogue: readonly CatalogueEntry[]): CatalogueEntry[] {
  const byModel = new Map<string, CatalogueEntry>();
  for (const entry of catalogue.filter((e) => e.quantization.startsWith('q4'))) {
    const known = byModel.get(entry.displayName);
    if (known === undefined || entry.vramRequiredMB < known.vramRequiredMB) byModel.set(entry.displayName, entry);
  }
  return [...byModel.values()];
}

function modelOverview(open: boolean): HTMLElement {
  const details = element('details', 'chat-model-overview');
  details.open = open;
  const builds = smallestBuilds(CATALOGUE);
  details.append(element('summary', undefined, `有 WebGPU 时可以选的 ${builds.length} 个模型（只读，这台设备运行不了）`));
  // The site's sideways-scrolling table box: shadows at the edges say there is more.
  const scroller = element('div', 'table-scroll');
  scroller.setAttribute('role', 'region');
  scroller.setAttribute('aria-label', '有 WebGPU 时可以选的模型');
  scroller.tabIndex = 0;
  const table = element('table');
  const head = element('tr');
  for (const title of ['模型', '下载约', '显存约']) head.append(element('th', undefined, title));
  const thead = element('thead');
  thead.append(head);
  const tbody = element('tbody');
  for (const entry of builds) {
    const row = element('tr');
    row.append(
      element('th', undefined, entry.displayName),
      element('td', undefined, formatBytes(entry.estimatedDownloadBytes)),
      element('td', undefined, formatMegabytes(entry.vramRequiredMB)),
    );
    row.firstElementChild?.setAttribute('scope', 'row');
    tbody.append(row);
  }
  table.append(thead, tbody);
  scroller.append(table);
  details.append(
    scroller,
    element(
      'p',
      'chat-field-hint',
      // Three columns fit a phone; which build each row is goes in this line instead of a column.
      `每个模型列出最小的版本（4 位量化${builds.some((b) => b.contextWindow < 4096) ? '，部分为 1k 上下文' : ''}），另有更大的版本（f32 或不量化）；下载大小是估计值。`,
    ),
  );
  return details;
}
