// The 结论速览 summary is rendered from the data: change a number there and the sentence changes;
// remove the evidence and the build stops instead of printing a stale claim.
import { describe, expect, test } from 'vitest';
import { atAGlance } from '../../src/lib/summary/at-a-glance';
import type { SummaryData } from '../../src/lib/summary/types';
import { CATALOGUE } from '../../src/playground/catalogue';
import { loadBenchmarks, loadModels, loadReferenceIds, loadSeries } from './content-fixtures';

function realData(): SummaryData {
  return {
    benchmarks: loadBenchmarks(),
    models: loadModels(),
    series: loadSeries(),
    catalogue: CATALOGUE,
    tokenCost: { characters: 40_000, qwen: 30_000, llama: 36_900 },
  };
}

const item = (data: SummaryData, id: string) => atAGlance(data).find((i) => i.id === id)!;
const text = (data: SummaryData, id: string) => item(data, id).claims.map((c) => c.text).join('\n');

function setScore(data: SummaryData, tableId: string, benchmark: string, column: number, score: number) {
  const row = data.benchmarks.find((t) => t.id === tableId)!.rows.find((r) => r.benchmark === benchmark)!;
  row.scores[column] = score;
}

describe('结论速览', () => {
  test('its sentences follow the article’s spacing rule, whatever the data values are', () => {
    const unspaced = /[\u3400-\u9fff][A-Za-z0-9]|[A-Za-z0-9][\u3400-\u9fff]/;
    const claims = atAGlance(realData()).flatMap((i) => i.claims.map((c) => c.text));
    expect(claims.length).toBeGreaterThan(8);
    expect(claims.filter((c) => unspaced.test(c))).toEqual([]);
  });

  test('answers every topic, each claim labelled with its evidence and linked to it', () => {
    const items = atAGlance(realData());
    expect(items.map((i) => i.id)).toEqual([
      'glance-chinese',
      'glance-languages',
      'glance-code-maths',
      'glance-instructions',
      'glance-sizes',
      'glance-context',
      'glance-licence',
      'glance-tokens',
    ]);
    for (const i of items) {
      expect(i.claims.length).toBeGreaterThan(0);
      expect(i.links.length).toBeGreaterThan(0);
      for (const claim of i.claims) {
        expect(['same-evaluator', 'vendor', 'measured', 'unknown']).toContain(claim.evidence);
        // Only this site's own measurement may stand without a reference.
        if (claim.evidence !== 'measured') expect(claim.sources.length, claim.text).toBeGreaterThan(0);
      }
    }
  });

  test('every source the summary cites is in references.yaml', () => {
    const known = loadReferenceIds();
    const cited = atAGlance(realData()).flatMap((i) => [...i.claims.flatMap((c) => c.sources), ...i.links.filter((l) => l.href.startsWith('references/#ref-')).map((l) => l.href.slice('references/#ref-'.length))]);
    expect(cited.filter((id) => !known.has(id))).toEqual([]);
    expect(cited).toContain('L3-license');
  });

  test('instruction following says Llama leads IFEval where it does, and stops saying so when the data changes', () => {
    const data = realData();
    expect(text(data, 'glance-instructions')).toContain('LLaMA-3.1-8B-Instruct 为 75.0，高于 Qwen2.5-7B-Instruct 的 71.2');
    expect(text(data, 'glance-instructions')).toContain('这一项是 Llama 领先');
    setScore(data, 'q3tr-instruct', 'IFEval', 0, 70.5);
    expect(text(data, 'glance-instructions')).toContain('LLaMA-3.1-8B-Instruct 为 70.5，低于 Qwen2.5-7B-Instruct 的 71.2');
    expect(text(data, 'glance-instructions')).not.toContain('Llama 领先');
  });

  test('a changed C-Eval score changes the Chinese verdict', () => {
    const data = realData();
    expect(text(data, 'glance-chinese')).toContain('Qwen 都领先');
    expect(text(data, 'glance-chinese')).toContain('Llama-3-8B 49.5');
    setScore(data, 'q2blog-base', 'C-Eval', 0, 90.1);
    expect(text(data, 'glance-chinese')).toContain('Llama-3-8B 90.1');
    expect(text(data, 'glance-chinese')).toContain('两者互有高低');
  });

  test('the Chinese answer says the evidence is one-sided and that Llama does not support Chinese officially', () => {
    const claims = item(realData(), 'glance-chinese').claims;
    expect(claims[1]!.evidence).toBe('unknown');
    expect(claims[1]!.text).toContain('只来自被比较的一方');
    expect(claims[1]!.text).toContain('不含中文');
  });

  test('token cost is the build-time count, and follows it', () => {
    const data = realData();
    expect(text(data, 'glance-tokens')).toContain('Llama 3 比 Qwen 多 23% 的 token');
    data.tokenCost = { characters: 40_000, qwen: 30_000, llama: 30_000 };
    expect(text(data, 'glance-tokens')).toContain('两者的 token 数相差不到 1%');
    expect(item(data, 'glance-tokens').links.map((l) => l.href)).toContain('playground/tokenizer/');
  });

  test('sizes come from the catalogue: a build with a new VRAM figure shows it', () => {
    const data = realData();
    expect(text(data, 'glance-sizes')).toContain(`本站在浏览器里提供 ${CATALOGUE.length} 个`);
    const smallest = [...CATALOGUE].filter((e) => e.family === 'qwen').sort((a, b) => a.vramRequiredMB - b.vramRequiredMB)[0]!;
    data.catalogue = CATALOGUE.map((e) => (e.id === smallest.id ? { ...e, vramRequiredMB: 123 } : e));
    expect(text(data, 'glance-sizes')).toContain('显存约 123 MB');
  });

  test('licences: the 700M-MAU clause, the Apache-2.0 exceptions, and the in-browser Qwen2.5 3B among them', () => {
    const data = realData();
    const licence = text(data, 'glance-licence');
    expect(licence).toContain('7 亿');
    expect(licence).toContain('Qwen2.5-3B（Qwen Research License）');
    expect(licence).toContain('本站浏览器演示中的 Qwen2.5-3B 属于例外');
    data.catalogue = CATALOGUE.filter((e) => !e.displayName.startsWith('Qwen2.5 3B'));
    expect(text(data, 'glance-licence')).not.toContain('本站浏览器演示中');
    expect(item(data, 'glance-licence').links.map((l) => l.href)).toEqual(['references/#ref-L3-license', 'references/#ref-L31-license', 'references/#ref-Apache-2']);
  });

  test('context: trained vs extended where a source says so, and "not known" where none does', () => {
    const data = realData();
    const context = item(data, 'glance-context');
    expect(context.claims[0]!.text).toContain('Qwen3-8B 标称 128K，训练时最长 32,768，靠 YaRN + DCA');
    expect(context.claims[1]!.evidence).toBe('unknown');
    expect(context.claims[1]!.text).toContain('Qwen2.5-7B');
    data.models.find((m) => m.id === 'qwen2-5-7b')!.contextTrained = { value: '32K', sources: ['Q25-blog'] };
    expect(item(data, 'glance-context').claims[1]!.text).not.toContain('Qwen2.5-7B');
  });

  test('a claim is "same evaluator" only when every table it quotes states one pipeline for all models', () => {
    const data = realData();
    const base = item(data, 'glance-code-maths').claims[0]!;
    expect(base.evidence).toBe(data.benchmarks.find((t) => t.id === 'q3tr-base')!.sameEvaluator ? 'same-evaluator' : 'vendor');
    data.benchmarks.find((t) => t.id === 'q3tr-base')!.sameEvaluator = false;
    const changed = item(data, 'glance-code-maths').claims[0]!;
    expect(changed.evidence).toBe('vendor');
    expect(changed.text).toContain('来源没有声明所有模型按同一流程评测');
    data.benchmarks.find((t) => t.id === 'q3tr-base')!.sameEvaluator = true;
    expect(item(data, 'glance-code-maths').claims[0]!.text).toContain('按同一流程所做的评测中');
  });

  test('a renamed or removed benchmark row stops the build instead of leaving a stale summary', () => {
    const data = realData();
    data.benchmarks.find((t) => t.id === 'q3tr-instruct')!.rows = data.benchmarks
      .find((t) => t.id === 'q3tr-instruct')!
      .rows.filter((r) => r.benchmark !== 'IFEval');
    expect(() => atAGlance(data)).toThrow(/IFEval/);
  });
});
