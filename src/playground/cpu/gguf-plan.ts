/**
 * What the CPU arena will download, before anything is downloaded: the GGUF file of each model
 * with the size its repository lists, in the order they run (one model after the other), and the
 * total. Sizes are the listings' decimal units, as the catalogue copies them ("398 MB" = 398 × 10⁶
 * bytes), so the total is added up in the same units; a size the catalogue could not verify is
 * named as such and left out of the total, never guessed.
 */

import { describePlan, modelLabel, type DownloadPlan, type PlanFiles, type PlanText } from '../downloads/plan';
import { hasGgufFiles } from '../downloads/scan';
import { CPU_CATALOGUE, findGgufBuild, type GgufBuild } from './gguf-catalogue';

function decimalBytes(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : `${Math.round(bytes / 1e6)} MB`;
}

function buildOf(id: string): GgufBuild {
  const build = findGgufBuild(id);
  if (build === undefined) throw new Error(`${id} is not a GGUF build`);
  return build;
}

export function describeGgufPlan(plan: DownloadPlan): PlanText {
  const order = plan.items.length > 1 ? ['先 ', '再 '] : [''];
  const items = plan.items.map(({ entry, cached }, index) => {
    const build = buildOf(entry.id);
    const size = build.listedSize === null ? '大小未核实' : `${build.listedSize}（模型仓库列出的大小）`;
    return `${order[index] ?? ''}${modelLabel(entry)}：文件 ${build.file}，${size}${cached ? '，已在本机，不用再下载' : ''}`;
  });
  const unknown = plan.items.filter(({ entry, cached }) => !cached && buildOf(entry.id).listedSize === null);
  const unknownNote =
    unknown.length === 0 ? '' : `另有 ${unknown.map(({ entry }) => modelLabel(entry)).join('、')} 的文件大小未核实，不在合计里。`;
  const sequence = plan.items.length > 1 ? '两个文件依次下载：第一个模型回答完、卸载后才下载第二个。' : '';
  const summary =
    plan.bytesToFetch === 0 && unknown.length === 0
      ? plan.items.length > 1
        ? '这些模型都已下载到本机，运行时不需要再下载。'
        : '这个模型已下载到本机，运行时不需要再下载。'
      : `${plan.bytesToFetch > 0 ? `合计需要下载 ${decimalBytes(plan.bytesToFetch)}（按列出的大小相加）。` : ''}${unknownNote}${sequence}`;
  const { storage, warning } = describePlan(plan);
  return { items, summary, storage, warning };
}

/** The CPU path's files for the download-plan view. */
export const GGUF_PLAN_FILES: PlanFiles = {
  find: (id) => CPU_CATALOGUE.find((entry) => entry.id === id),
  anythingCached: () => hasGgufFiles(globalThis.navigator?.storage),
  describe: describeGgufPlan,
};
