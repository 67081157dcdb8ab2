// Validates the article's data files (references, errata, models, benchmarks) with the same
// schemas the build uses, plus the cross-file rules the schemas cannot express on their own.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readWholeArticle } from '../../src/lib/article-files';
import type { z } from 'astro/zod';
import {
  benchmarkTableSchema,
  erratumSchema,
  modelSchema,
  printedScore,
  referenceSchema,
  severity,
  sourcedValue,
} from '../../src/content/schemas';

const contentDir = new URL('../../src/content/', import.meta.url);

function loadYaml(name: string): unknown {
  return parse(readFileSync(fileURLToPath(new URL(name, contentDir)), 'utf8'));
}

/** Parses every entry with `schema`; reports all failures at once, with the entry's id. */
function validateAll<S extends z.ZodType>(data: unknown, schema: S): z.infer<S>[] {
  if (!Array.isArray(data)) throw new Error('expected a YAML array at the top level');
  const problems: string[] = [];
  const out: z.infer<S>[] = [];
  data.forEach((entry, i) => {
    const result = schema.safeParse(entry);
    if (result.success) out.push(result.data);
    else {
      const id = (entry as { id?: unknown })?.id ?? `#${i}`;
      problems.push(`${String(id)}: ${result.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ')}`);
    }
  });
  if (problems.length) throw new Error(`schema errors:\n${problems.join('\n')}`);
  return out;
}

function duplicates(values: string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) !== i);
}

/** Source keys that are not reference ids, each with where it was used. */
function unknownSources(uses: Array<[where: string, keys: string[]]>, known: Set<string>): string[] {
  return uses.flatMap(([where, keys]) => keys.filter((k) => !known.has(k)).map((k) => `${where}: ${k}`));
}

type Model = z.infer<typeof modelSchema>;
type SourcedValue = z.infer<typeof sourcedValue>;

/** Names of the model fields that are sourced values (all but id/name/family/group/order). */
const sourcedFields = Object.entries(modelSchema.shape)
  .filter(([, v]) => v === sourcedValue)
  .map(([k]) => k as keyof Model);

function fieldsOf(m: Model): Array<[string, SourcedValue]> {
  return sourcedFields.map((k) => [k, m[k] as SourcedValue]);
}

function sourceUses(
  errata: z.infer<typeof erratumSchema>[],
  models: Model[],
  tables: z.infer<typeof benchmarkTableSchema>[],
): Array<[string, string[]]> {
  return [
    ...errata.map((e): [string, string[]] => [`errata ${e.id}`, e.sources]),
    ...models.flatMap((m) => fieldsOf(m).map(([k, v]): [string, string[]] => [`models ${m.id}.${k}`, v.sources])),
    ...tables.map((t): [string, string[]] => [`benchmarks ${t.id}`, t.sources]),
  ];
}

const references = validateAll(loadYaml('references.yaml'), referenceSchema);
const referenceIds = new Set(references.map((r) => r.id));
const errata = validateAll(loadYaml('errata.yaml'), erratumSchema);
const models = validateAll(loadYaml('models.yaml'), modelSchema);
const tables = validateAll(loadYaml('benchmarks.yaml'), benchmarkTableSchema);

describe('the checks themselves', () => {
  it('reject broken entries', () => {
    const e = structuredClone(errata[0]);
    expect(() => validateAll([{ ...e, sources: [] }], erratumSchema)).toThrow(/sources/);
    expect(() => validateAll([{ ...e, severity: '严重 ' }], erratumSchema)).toThrow(/severity/);
    const m = structuredClone(models[0]);
    expect(() => validateAll([{ ...m, layers: { value: 32 } }], modelSchema)).toThrow(/layers/);
    expect(() => validateAll({ not: 'an array' }, referenceSchema)).toThrow(/array/);
    expect(unknownSources([['x', ['L3-card', 'NOPE']]], referenceIds)).toEqual(['x: NOPE']);
    expect(sourcedFields).toHaveLength(17);
  });
});

describe('references.yaml', () => {
  it('has unique ids', () => {
    expect(duplicates(references.map((r) => r.id))).toEqual([]);
  });

  it('covers every source key of the fact sheet, plus web-llm and HF-transformers', () => {
    const expected = [
      'L3-card', 'L3-code', 'L-sku', 'L31-card', 'L32-card', 'L-rope', 'TT',
      'Q2-blog', 'Q25-blog', 'Q3-blog', 'Q3-TR', 'Q-README',
      'HF-q2', 'HF-q3', 'HF-idx', 'HF-l3doc', 'VL', 'Audio',
      'Vaswani', 'RMSNorm', 'SwiGLU', 'RoPE', 'GQA', 'L3-TR', 'Q2-TR', 'RUN',
      'web-llm', 'HF-transformers',
    ];
    expect(expected.filter((k) => !referenceIds.has(k))).toEqual([]);
  });

  it('uses https URLs on real hosts, or files the site itself publishes', () => {
    const own = (r: (typeof references)[number]) => !URL.canParse(r.url);
    const bad = references.filter((r) => {
      if (own(r)) return false;
      const u = new URL(r.url);
      return u.protocol !== 'https:' || /(^|\.)(invalid|example|localhost|test)$/.test(u.hostname) || u.hostname.startsWith('example.');
    });
    expect(bad.map((r) => `${r.id}: ${r.url}`)).toEqual([]);
    const missing = references.filter((r) => own(r) && !existsSync(fileURLToPath(new URL(`../../public/${r.url}`, import.meta.url))));
    expect(missing.map((r) => `${r.id}: public/${r.url}`)).toEqual([]);
  });

  it('gives arXiv papers an arxiv id that matches the URL', () => {
    const bad = references.filter((r) => r.url.startsWith('https://arxiv.org/abs/') && r.url !== `https://arxiv.org/abs/${r.arxiv}`);
    expect(bad.map((r) => r.id)).toEqual([]);
    for (const id of ['Q3-TR', 'Vaswani', 'RMSNorm', 'SwiGLU', 'RoPE', 'GQA', 'L3-TR', 'Q2-TR']) {
      expect(references.find((r) => r.id === id)?.arxiv, id).toMatch(/^\d{4}\.\d{4,5}$/);
    }
  });
});

describe('errata.yaml', () => {
  it('has exactly E1..E29, in order', () => {
    expect(errata.map((e) => e.id)).toEqual(Array.from({ length: 29 }, (_, i) => `E${i + 1}`));
  });

  it('is numbered in reading order: E1 is the first erratum the article shows', () => {
    const article = readWholeArticle();
    const shown = [...article.matchAll(/<Erratum id="(E\d+)"/g)].map((m) => m[1]);
    expect(shown).toEqual(errata.map((e) => e.id));
  });

  it('uses only the three severities', () => {
    const bad = errata.filter((e) => !severity.options.includes(e.severity));
    expect(bad.map((e) => e.id)).toEqual([]);
    expect(new Set(errata.map((e) => e.severity))).toEqual(new Set(['严重', '较重', '轻微']));
  });

  it('keeps the seed formulas on E12-E14 and the seed code on E18, E20, E21, E23', () => {
    for (const id of ['E12', 'E13', 'E14']) expect(errata.find((e) => e.id === id)?.originalTex, id).toBeTruthy();
    for (const id of ['E18', 'E20', 'E21', 'E23']) expect(errata.find((e) => e.id === id)?.originalCode?.code, id).toBeTruthy();
    expect(errata.find((e) => e.id === 'E12')?.originalTex).toContain('e^{<x_i, x_i>}');
    expect(errata.find((e) => e.id === 'E14')?.originalTex).toContain('MultiHeadAttention(FeedforwardNetwork(AttentionLayer(x)))');
  });

  it('quotes the seed word for word: each part of every original (split at ／ and ＋), formula and code is in the seed article', () => {
    const seed = readFileSync(fileURLToPath(new URL('../fixtures/seed-article.zh.md', import.meta.url)), 'utf8');
    const quotes = errata.flatMap((e) =>
      [...e.original.split(/[／＋]/), e.originalTex ?? '', e.originalCode?.code ?? ''].map((q) => [e.id, q.trim()] as const),
    );
    expect(quotes.filter(([, q]) => q && !seed.includes(q)).map(([id, q]) => `${id}: ${q}`)).toEqual([]);
  });

  it('shows each of the two Keras snippets in exactly one erratum', () => {
    const codes = errata.map((e) => e.originalCode?.code ?? '');
    const llama = codes.filter((c) => c.includes('Embedding(input_dim=1000, output_dim=128)(input_layer)'));
    const qwen = codes.filter((c) => c.includes('LSTM(128, return_sequences=True)(input_layer)'));
    expect(llama).toHaveLength(1);
    expect(qwen).toHaveLength(1);
  });

  it('sums up each problem in a short line of the index that states no number the problem does not', () => {
    expect(() => validateAll([{ ...errata[0], summary: undefined }], erratumSchema)).toThrow(/summary/);
    const numbers = (text: string) => Array.from(text.matchAll(/\d+(?:\.\d+)*/g), (m) => m[0]);
    const added = errata.flatMap((e) => numbers(e.summary).filter((n) => !numbers(e.problem).includes(n)).map((n) => `${e.id}: ${n}`));
    expect(added).toEqual([]);
    // At most about 24 Chinese characters (a Latin letter, digit or space is half as wide): one line at 1280 px.
    const width = (text: string) => [...text].reduce((sum, c) => sum + (/[\u2000-\u206f\u3000-\u9fff\uff00-\uffef]/.test(c) ? 1 : 0.5), 0);
    expect(errata.filter((e) => width(e.summary) > 24).map((e) => `${e.id}: ${e.summary}`)).toEqual([]);
  });

  it('cites only known references', () => {
    expect(unknownSources(errata.map((e) => [e.id, e.sources]), referenceIds)).toEqual([]);
  });
});

describe('models.yaml', () => {
  it('has the eleven models, with unique ids and orders', () => {
    expect(models.map((m) => m.name).sort()).toEqual(
      [
        'Meta-Llama-3-8B', 'Meta-Llama-3-70B', 'Llama-3.1-8B', 'Llama-3.2-1B', 'Llama-3.2-3B',
        'Qwen2-7B', 'Qwen2.5-0.5B', 'Qwen2.5-1.5B', 'Qwen2.5-7B', 'Qwen3-0.6B', 'Qwen3-8B',
      ].sort(),
    );
    expect(duplicates(models.map((m) => m.id))).toEqual([]);
    expect(duplicates(models.map((m) => String(m.order)))).toEqual([]);
  });

  it('puts Llama-3-8B, Qwen2.5-7B, Qwen3-8B first among the flagships', () => {
    const flagship = models.filter((m) => m.group === 'flagship').sort((a, b) => a.order - b.order);
    expect(flagship.slice(0, 3).map((m) => m.name)).toEqual(['Meta-Llama-3-8B', 'Qwen2.5-7B', 'Qwen3-8B']);
    expect(flagship.map((m) => m.name).sort()).toEqual(
      ['Meta-Llama-3-8B', 'Qwen2.5-7B', 'Qwen3-8B', 'Llama-3.1-8B', 'Meta-Llama-3-70B', 'Qwen2-7B'].sort(),
    );
    const smallest = Math.min(...models.filter((m) => m.group === 'small').map((m) => m.order));
    expect(Math.max(...flagship.map((m) => m.order))).toBeLessThan(smallest);
  });

  it('gives every field at least one known source', () => {
    const empty = models.flatMap((m) => fieldsOf(m).filter(([, v]) => v.sources.length === 0).map(([k]) => `${m.id}.${k}`));
    expect(empty).toEqual([]);
    const uses = models.flatMap((m) => fieldsOf(m).map(([k, v]): [string, string[]] => [`${m.id}.${k}`, v.sources]));
    expect(unknownSources(uses, referenceIds)).toEqual([]);
  });

  it('stores numbers as numbers and flags as booleans', () => {
    const numeric = ['layers', 'hiddenSize', 'attentionHeads', 'kvHeads', 'headDim', 'intermediateSize', 'vocabSize', 'ropeTheta'] as const;
    const bad: string[] = [];
    for (const m of models) {
      for (const k of numeric) if (typeof m[k].value !== 'number') bad.push(`${m.id}.${k}`);
      for (const k of ['tiedEmbeddings', 'qkvBias'] as const) if (typeof m[k].value !== 'boolean') bad.push(`${m.id}.${k}`);
    }
    expect(bad).toEqual([]);
  });

  it('keeps the architecture numbers consistent', () => {
    const bad: string[] = [];
    for (const m of models) {
      const d = Number(m.hiddenSize.value);
      const h = Number(m.attentionHeads.value);
      const kv = Number(m.kvHeads.value);
      const hd = Number(m.headDim.value);
      if (h % kv !== 0) bad.push(`${m.id}: ${h} heads not divisible by ${kv} KV heads`);
      // A derived head dim must be hidden / heads; an explicit one (Qwen3) may differ.
      if (m.headDim.derived && d / h !== hd) bad.push(`${m.id}: derived head dim ${hd} != ${d}/${h}`);
    }
    expect(bad).toEqual([]);
  });

  it('shows the disagreements the fact sheet flags', () => {
    const byName = (n: string) => {
      const m = models.find((x) => x.name === n);
      if (!m) throw new Error(`missing model ${n}`);
      return m;
    };
    expect(byName('Qwen2-7B').params.conflict).toMatch(/7\.07B/);
    for (const n of ['Llama-3.2-1B', 'Llama-3.2-3B']) {
      // The RoPE scaling factor is settled at 32 (config, torchtune, a Meta maintainer); 8 is Llama 3.1's.
      expect(byName(n).ropeTheta.conflict, n).toBeUndefined();
      expect(byName(n).ropeTheta.note, n).toMatch(/缩放系数为 32/);
      expect(byName(n).ropeTheta.sources, n).toEqual(expect.arrayContaining(['L-issue166', 'L-issue241']));
      expect(byName(n).releaseDate.conflict, n).toBeTruthy();
    }
    // Qwen2.5-7B is trained to 32,768 tokens; 131,072 needs YaRN.
    expect(byName('Qwen2.5-7B').contextLength.value).toMatch(/32,768.*YaRN.*131,072/);
    expect(byName('Qwen3-8B').contextLength.conflict).toBeTruthy();
    // Qwen3-8B's parameter count is not from a primary source: it must be marked derived.
    expect(byName('Qwen3-8B').params.derived).toBe(true);
    expect(byName('Qwen3-8B').params.note).toBeTruthy();
  });
});

describe('benchmarks.yaml', () => {
  it('has unique ids and orders', () => {
    expect(duplicates(tables.map((t) => t.id))).toEqual([]);
    expect(duplicates(tables.map((t) => String(t.order)))).toEqual([]);
  });

  it('has one score per model column in every row', () => {
    const bad = tables.flatMap((t) =>
      t.rows
        .filter(
          (r) =>
            r.scores.length !== t.columns.length - 1 ||
            r.scores.some((s) => (typeof s === 'number' ? !Number.isFinite(s) : !printedScore.safeParse(s).success)),
        )
        .map((r) => `${t.id}/${r.benchmark}: ${r.scores.length} scores for ${t.columns.length - 1} models`),
    );
    expect(bad).toEqual([]);
    expect(tables.filter((t) => t.columns[0] !== '基准（设置）').map((t) => t.id)).toEqual([]);
  });

  it('cites only known references', () => {
    expect(unknownSources(tables.map((t) => [t.id, t.sources]), referenceIds)).toEqual([]);
  });

  it('says why a table is not a same-evaluator comparison', () => {
    const same = tables.filter((t) => t.sameEvaluator);
    expect(same.length).toBeGreaterThan(0);
    expect(same.every((t) => t.evaluator === 'Qwen 团队')).toBe(true);
    const other = tables.filter((t) => !t.sameEvaluator);
    expect(other.filter((t) => t.notes.length === 0).map((t) => t.id)).toEqual([]);
  });

  it('keeps the Qwen3 report Table 6 numbers exact', () => {
    const t6 = tables.find((t) => t.id === 'q3tr-base');
    expect(t6?.rows.find((r) => r.benchmark === 'MMLU')?.scores).toEqual([66.6, 74.16, 76.89]);
  });
});

describe('all data files together', () => {
  it('cite only references that exist', () => {
    expect(unknownSources(sourceUses(errata, models, tables), referenceIds)).toEqual([]);
  });
});
