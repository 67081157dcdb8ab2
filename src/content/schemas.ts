// Schemas for the article's data. Kept free of `astro:content` so unit tests can validate the
// same files with the same rules the build uses.
import { z } from 'astro/zod';
import { MODEL_FAMILIES } from '../lib/model-families.ts';

/** Keys of ../references.yaml, e.g. "L3-card"; checked against that list at build and in tests. */
export const referenceKey = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/);
export const sourceKeys = z.array(referenceKey).min(1);

export const referenceSchema = z.object({
  id: referenceKey,
  title: z.string().min(1),
  /** Authors, or the organisation that published it. */
  authors: z.string().min(1),
  year: z.number().int().min(1990).max(2100),
  /**
   * Where to read it: an absolute URL, or a file this site publishes itself (from public/), as a
   * path from the site's root such as "factcheck/README.txt" (see referenceHref in src/lib/url.ts).
   */
  url: z.union([z.url(), z.string().regex(/^[A-Za-z0-9][\w.-]*(\/[\w.-]+)*$/)]),
  arxiv: z.string().regex(/^\d{4}\.\d{4,5}$/).optional(),
  /** Which part was used: a file and commit, a section or table. */
  detail: z.string().optional(),
});

export const severity = z.enum(['严重', '较重', '轻微']);

export const erratumSchema = z.object({
  id: z.string().regex(/^E\d+$/),
  /** Where it stands in the seed, e.g. "§1 背景介绍". */
  section: z.string().min(1),
  severity,
  /** What was wrong, in one short line for the errata index (the card in the text says it in full). */
  summary: z.string().min(1).max(40),
  /** The seed's wording, quoted exactly. */
  original: z.string().min(1),
  /** The seed's formula, when the error is one (shown typeset inside the erratum only). */
  originalTex: z.string().optional(),
  /** The seed's code, when the error is code (shown collapsed inside the erratum only). */
  originalCode: z.object({ lang: z.string(), code: z.string() }).optional(),
  /** What was wrong, in full (shown in the erratum). */
  problem: z.string().min(1),
  /** The corrected statement (shown in the erratum, as 更正); the article's text says it in place of the original. */
  correction: z.string().min(1),
  sources: sourceKeys,
});

/** One fact about one model: a value and where it comes from. */
export const sourcedValue = z.object({
  value: z.union([z.string(), z.number(), z.boolean()]),
  sources: sourceKeys,
  /** "derived" marks values computed from sourced ones rather than read from a source. */
  derived: z.boolean().optional(),
  /** A disagreement between sources, shown to the reader rather than hidden. */
  conflict: z.string().optional(),
  note: z.string().optional(),
});

export const modelSchema = z.object({
  id: z.string(),
  name: z.string(),
  family: z.enum(MODEL_FAMILIES),
  /** flagship models are compared side by side first, small ones after. */
  group: z.enum(['flagship', 'small']),
  order: z.number().int(),
  params: sourcedValue,
  layers: sourcedValue,
  hiddenSize: sourcedValue,
  attentionHeads: sourcedValue,
  kvHeads: sourcedValue,
  headDim: sourcedValue,
  intermediateSize: sourcedValue,
  vocabSize: sourcedValue,
  contextLength: sourcedValue,
  ropeTheta: sourcedValue,
  tiedEmbeddings: sourcedValue,
  qkvBias: sourcedValue,
  norm: sourcedValue,
  activation: sourcedValue,
  pretrainingTokens: sourcedValue,
  releaseDate: sourcedValue,
  license: sourcedValue,
  /** Longest sequences seen in training, where a source says so (the context length above may be reached only with an extension). */
  contextTrained: sourcedValue.optional(),
  /** How the context is stretched at inference beyond what was trained (e.g. YaRN), where a source says so. */
  contextExtension: sourcedValue.optional(),
});

/** One release line (Llama 3, Qwen2.5, …): facts that hold for the whole series rather than one model. */
export const seriesSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string(),
  family: z.enum(MODEL_FAMILIES),
  order: z.number().int(),
  /** The languages the vendor officially supports, as it states them. */
  languages: sourcedValue,
  license: z.object({
    name: z.string().min(1),
    sources: sourceKeys,
    /** The reference whose link is the licence text itself, where one has been checked. */
    text: referenceKey.optional(),
    /** Conditions a user must know about (attribution, user caps), as the licence states them. */
    terms: z.array(z.string()).default([]),
    /** Sizes of the series under another licence. */
    exceptions: z
      .array(z.object({ models: z.string(), license: z.string(), sources: sourceKeys }))
      .default([]),
  }),
});

/** A score exactly as a source prints it: a number ("66.60"), or a rating with a percentile ("473 / 14.9%"). */
export const printedScore = z.string().regex(/^(\d+(\.\d+)?|\d+ \/ \d+(\.\d+)?%)$/);

/**
 * A machine-readable copy of a source's benchmark table (benchmark-sources.yaml): every score row as
 * printed, "-" for an empty cell. Quoted tables are checked against it row by row.
 */
export const sourceTableSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  source: referenceKey,
  /** File and commit, or report and table number. */
  location: z.string().min(1),
  /** Rows of the source that are not scores (parameter counts...), and why they are left out. */
  omitted: z.string().optional(),
  columns: z.array(z.string()).min(1),
  /** [row name, score per column]. */
  rows: z.array(z.tuple([z.string()]).rest(z.union([printedScore, z.literal('-')]))).min(1),
});

export const benchmarkTableSchema = z
  .object({
    id: z.string(),
    order: z.number().int(),
    title: z.string(),
    evaluator: z.string(),
    /**
     * True only when the source states that every model in the table was evaluated with one pipeline;
     * that sentence is then quoted in pipelineStatement. Otherwise false, even if every number comes
     * from the same vendor's document.
     */
    sameEvaluator: z.boolean(),
    pipelineStatement: z.string().optional(),
    kind: z.enum(['base', 'instruct']),
    settings: z.string(),
    sources: sourceKeys,
    /** The source table this one quotes (benchmark-sources.yaml) and which of its columns are shown. */
    quotes: z.object({ table: z.string(), columns: z.array(z.string()).min(1) }),
    columns: z.array(z.string()).min(2),
    /** Decimal places the source prints (66.60 stays 66.60); scores are stored as numbers. */
    decimals: z.number().int().min(0).max(3).default(1),
    rows: z
      .array(
        z.object({
          benchmark: z.string(),
          /** The row's name in the source table, where it is spelled differently (e.g. "Trurhfulqa"). */
          sourceRow: z.string().optional(),
          setting: z.string().optional(),
          /** A string keeps a score exactly as the source prints it where the table's decimals would not (e.g. "6.20"). */
          scores: z.array(z.union([z.number(), printedScore])),
        }),
      )
      .min(1),
    notes: z.array(z.string()).default([]),
  })
  .refine((t) => !t.sameEvaluator || Boolean(t.pipelineStatement), {
    message: 'a same-evaluator table quotes the sentence of its source that says so',
    path: ['pipelineStatement'],
  });

export const equationSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** Shown as 式 (n); numbers run 1, 2, 3 ... in the order the equations appear in the article. */
  number: z.number().int().min(1),
  /** Short Chinese name, used in references such as "式 (1) 缩放点积注意力". */
  label: z.string(),
  tex: z.string().min(1),
  sources: sourceKeys,
});

export const articleSchema = z.object({
  title: z.string(),
  description: z.string(),
  keywords: z.array(z.string()),
  author: z.string(),
  published: z.coerce.date(),
  updated: z.coerce.date(),
});

/** An appendix of the article published as a page of its own (src/content/appendix/*.mdx). */
export const appendixSchema = z.object({
  title: z.string(),
  description: z.string(),
});

/**
 * One checked claim of the fact audit (audit.yaml): what was claimed, where (a file and an exact
 * passage of its current text), the sources opened, and what they said.
 */
export const auditEntrySchema = z.object({
  claim: z.string().min(1),
  file: z.string().regex(/^src\/content\/[\w./-]+$/),
  /**
   * An exact passage of the file as it reads now, or several when one check covers several sentences;
   * a test fails when the text moves on without the audit.
   */
  passage: z.union([z.string().min(1), z.array(z.string().min(1)).min(2)]),
  sources: sourceKeys,
  /**
   * confirmed: the opened source says it; corrected: it did not, the text was fixed in this audit;
   * unverified: the source could not be opened (the note says what was read instead).
   */
  verdict: z.enum(['confirmed', 'corrected', 'unverified']),
  /** Where the problem was first reported: by the audit itself, or in the issue that asked for it. */
  foundBy: z.enum(['audit', 'issue']).optional(),
  note: z.string().optional(),
});

export const auditSchema = z.object({
  /** When the audit was made, and which source versions it read (see references.yaml). */
  date: z.coerce.date(),
  coverage: z.object({
    audited: z.array(z.string().min(1)).min(1),
    notAudited: z.array(z.string().min(1)),
  }),
  entries: z.array(auditEntrySchema).min(1),
  /**
   * Sentences of the article that hold a number but no claim to check against a source (a count of
   * this article's own errata, the demo's illustration, the original's turn of phrase), each with why.
   */
  exempt: z.array(z.object({ passage: z.string().min(1), reason: z.string().min(1) })).default([]),
});
