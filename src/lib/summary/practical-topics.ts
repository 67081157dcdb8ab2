/**
 * Summary answers about using the models: sizes and where they run, context length, licences,
 * and what Chinese text costs in tokens. Numbers come from models.yaml, series.yaml, the
 * playground's catalogue and the build-time token count.
 */
import { tokenComparison } from '../article-token-cost.ts';
import { buildLabel, formatMB } from '../charts/build-size-chart.ts';
import type { Model } from '../charts/architecture-chart.ts';
import { formatInteger, formatRatio } from '../../playground/tokenizer/stats.ts';
import type { CatalogueEntry } from '../../playground/catalogue.ts';
import type { ModelFamily } from '../model-families.ts';
import { seriesById } from './benchmark-topics.ts';
import type { Claim, SummaryData, SummaryItem } from './types.ts';
import { pagePaths } from '../page-paths.ts';

/** "7.61B（非嵌入 6.53B）" → 7.61: the total parameter count, in billions, as the data states it. */
export function parameterBillions(model: Model): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*B/.exec(String(model.params.value));
  if (!match) throw new Error(`summary: cannot read a parameter count from ${model.id}: ${String(model.params.value)}`);
  return Number(match[1]);
}

/** Weights alone at 16 bits (2 bytes) per parameter, in GB. */
export const weightsGB16 = (billions: number) => billions * 2;

function byName(models: Model[], id: string): Model {
  const model = models.find((m) => m.id === id);
  if (!model) throw new Error(`summary: model "${id}" is missing from models.yaml`);
  return model;
}

function describeBuild(entry: CatalogueEntry): string {
  return `${buildLabel(entry)}（${entry.quantization}，下载约 ${formatMB(entry.estimatedDownloadBytes / 1e6)}，显存约 ${formatMB(entry.vramRequiredMB)}）`;
}

export function sizesAndWhere(data: SummaryData): SummaryItem {
  const smallest = (family: ModelFamily) =>
    data.catalogue.filter((e) => e.family === family).sort((a, b) => a.vramRequiredMB - b.vramRequiredMB)[0]!;
  const lowResource = data.catalogue.filter((e) => e.lowResourceRequired).length;
  const largest = [...data.catalogue].sort((a, b) => b.vramRequiredMB - a.vramRequiredMB)[0]!;
  const pair = ['qwen2-5-7b', 'llama3-8b', 'llama3-70b'].map((id) => byName(data.models, id));
  const weights = pair.map((m) => `${m.name} 约 ${formatInteger(Math.round(weightsGB16(parameterBillions(m))))} GB`).join('，');
  return {
    id: 'glance-sizes',
    question: '有哪些尺寸，在哪儿能跑？',
    claims: [
      {
        evidence: 'vendor',
        text: `本站在浏览器里提供 ${data.catalogue.length} 个 WebGPU 构建，最省的是 ${describeBuild(smallest('qwen'))}和 ${describeBuild(smallest('llama'))}；其中 ${lowResource} 个标为可在低配设备（如手机）上运行，最大的 ${buildLabel(largest)} （${largest.quantization}）需要约 ${formatMB(largest.vramRequiredMB)} 显存。`,
        sources: ['web-llm'],
      },
      {
        evidence: 'vendor',
        text: `在本地 GPU 或服务器上，按官方参数量 × 2 字节推算，16 位权重本身就要：${weights}，还不算 KV 缓存；70B 级模型超过单块 80 GB GPU 的显存，需要多卡或量化。`,
        sources: [...new Set(pair.flatMap((m) => m.params.sources))],
      },
    ],
    links: [
      { href: '#build-size-chart', label: '各浏览器构建的下载量与显存' },
      { href: 'playground/models/', label: '模型管理页' },
      { href: '#arch-gqa', label: '架构对比' },
    ],
  };
}

export function contextLength(data: SummaryData): SummaryItem {
  const flagship = data.models.filter((m) => m.group === 'flagship').sort((a, b) => a.order - b.order);
  const described = flagship.map((m) => {
    const parts = [`${m.name} 标称 ${String(m.contextLength.value)}`];
    if (m.contextTrained) parts.push(`训练时最长 ${String(m.contextTrained.value)}`);
    if (m.contextExtension) parts.push(`靠 ${String(m.contextExtension.value)}`);
    return parts.join('，');
  });
  const unknown = flagship.filter((m) => !m.contextTrained && m.contextExtension === undefined);
  const windows = [...new Set(data.catalogue.map((e) => e.contextWindow))].sort((a, b) => b - a);
  const claims: Claim[] = [
    {
      evidence: 'vendor',
      text: `${described.join('；')}。`,
      sources: [
        ...new Set(
          flagship.flatMap((m) => [...m.contextLength.sources, ...(m.contextTrained?.sources ?? []), ...(m.contextExtension?.sources ?? [])]),
        ),
      ],
    },
  ];
  if (unknown.length)
    claims.push({
      evidence: 'unknown',
      text: `${unknown.map((m) => m.name).join('、')} 训练时用的序列长度，本文核查的来源没有写明；本站浏览器构建的上下文窗口为 ${windows.map(formatInteger).join(' 或 ')} token，远小于标称值。`,
      sources: ['web-llm'],
    });
  return { id: 'glance-context', question: '上下文能有多长？', claims, links: [{ href: '#arch-gqa', label: '架构对比' }] };
}

export function licences(data: SummaryData): SummaryItem {
  const llama3 = seriesById(data.series, 'llama3');
  const laterLlama = ['llama3-1', 'llama3-2'].map((id) => seriesById(data.series, id));
  const llama = [llama3, ...laterLlama];
  const qwen = ['qwen2', 'qwen2-5', 'qwen3'].map((id) => seriesById(data.series, id));
  const exceptions = qwen.flatMap((s) => s.license.exceptions);
  const key = (name: string) => name.toLowerCase().replace(/[\s-]/g, '');
  const offeredExceptions = exceptions.filter((ex) => data.catalogue.some((e) => key(e.displayName).startsWith(key(ex.models))));
  const texts = new Map([...llama, ...qwen].flatMap((s) => (s.license.text ? [[s.license.text, s.license.name] as const] : [])));
  return {
    id: 'glance-licence',
    question: '许可证允许做什么？',
    claims: [
      {
        evidence: 'vendor',
        text: `${llama3.name} 用 ${llama3.license.name}：${llama3.license.terms.join('')}${laterLlama.map((s) => `${s.name} 用 ${s.license.name}`).join('，')}，各自的条款见其许可证。`,
        sources: [...new Set(llama.flatMap((s) => s.license.sources))],
      },
      {
        evidence: 'vendor',
        text: `${qwen.map((s) => s.name).join('、')} 的多数尺寸用 ${qwen[0]!.license.name}，例外是${exceptions.map((ex) => `${ex.models}（${ex.license}）`).join('、')}${offeredExceptions.length ? `；本站浏览器演示中的 ${offeredExceptions.map((ex) => ex.models).join('、')} 属于例外，使用前请读它自己的许可证` : ''}。`,
        sources: [...new Set([...qwen.flatMap((s) => s.license.sources), ...exceptions.flatMap((ex) => ex.sources)])],
      },
    ],
    links: [...texts].map(([id, name]) => ({ href: `${pagePaths.references}#ref-${id}`, label: `${name} 全文` })),
  };
}

export function tokenCost(data: SummaryData): SummaryItem {
  const { characters, qwen, llama } = data.tokenCost;
  const perChar = (tokens: number) => formatRatio(characters ? tokens / characters : null);
  return {
    id: 'glance-tokens',
    question: '同样的中文，要花多少 token？',
    claims: [
      {
        evidence: 'measured',
        text: `本文 ${formatInteger(characters)} 个字符，Qwen 的分词器切成 ${formatInteger(qwen)} 个 token（每字符 ${perChar(qwen)}），Llama 3 的切成 ${formatInteger(llama)} 个（每字符 ${perChar(llama)}），即${tokenComparison(data.tokenCost)}；文中含代码和公式源码，纯中文的差距可能不同，可以用自己的文字试一试。`,
        sources: [],
      },
    ],
    links: [
      { href: `${pagePaths.faq}#token-cost-chart`, label: '各节的 token 数' },
      { href: 'playground/tokenizer/', label: '分词器对比页' },
    ],
  };
}
