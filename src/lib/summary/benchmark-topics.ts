/**
 * Summary answers drawn from the benchmark tables: Chinese, English and other languages, code and
 * maths, instruction following. Only same-evaluator tables give a verdict, and each says who the
 * evaluator is; where one side has no numbers, the answer says so.
 */
import { compareWords, leader, quoteRow, quoteText, type QuotedRow } from './benchmark-quotes.ts';
import type { Series, SummaryData, SummaryItem } from './types.ts';
import { pagePaths } from '../page-paths.ts';

const LEADER_WORDS = { qwen: 'Qwen 都领先', llama: 'Llama 都领先', mixed: '两者互有高低' } as const;

function evaluatorOf(rows: QuotedRow[]): string {
  const evaluators = [...new Set(rows.map((r) => r.table.evaluator))];
  return evaluators.join('、');
}

function sourcesOf(rows: QuotedRow[]): string[] {
  return [...new Set(rows.flatMap((r) => r.table.sources))];
}

function benchmarkLinks(rows: QuotedRow[]) {
  return [...new Map(rows.map((r) => [r.table.id, { href: `${pagePaths.faq}#bench-${r.table.id}`, label: r.table.title }])).values()];
}

export function seriesById(series: Series[], id: string): Series {
  const found = series.find((s) => s.id === id);
  if (!found) throw new Error(`summary: series "${id}" is missing from series.yaml`);
  return found;
}

/** Same-evaluator only when every quoted table's source states one pipeline for all models. */
export function evidenceOf(rows: QuotedRow[]): 'same-evaluator' | 'vendor' {
  return rows.every((r) => r.table.sameEvaluator) ? 'same-evaluator' : 'vendor';
}

/** Who measured, worded by the strength of the evidence. */
function measuredBy(rows: QuotedRow[]): string {
  return evidenceOf(rows) === 'same-evaluator'
    ? `在${evaluatorOf(rows)}按同一流程所做的评测中`
    : `在${evaluatorOf(rows)}发布的数字中（来源没有声明所有模型按同一流程评测）`;
}

/** A verdict over some rows, e.g. "在 Qwen 团队按同一流程所做的评测中，下列各项 Qwen 都领先：…". */
function verdict(rows: QuotedRow[]): string {
  return `${measuredBy(rows)}，下列各项${LEADER_WORDS[leader(rows)]}：${rows.map(quoteText).join('；')}。`;
}

export function chineseTasks(data: SummaryData): SummaryItem {
  const rows = [
    quoteRow(data.benchmarks, 'q2blog-base', 'C-Eval'),
    quoteRow(data.benchmarks, 'q2blog-base', 'CMMLU'),
    quoteRow(data.benchmarks, 'q3tr-instruct', 'C-Eval'),
  ];
  const llama31 = seriesById(data.series, 'llama3-1');
  return {
    id: 'glance-chinese',
    question: '中文任务谁更强？',
    claims: [
      { evidence: evidenceOf(rows), text: verdict(rows), sources: sourcesOf(rows) },
      {
        evidence: 'unknown',
        text: `这些数字只来自被比较的一方：Meta 没有为任何 Llama 3.x 模型报告 C-Eval 或 CMMLU，Llama 3.1 官方支持的语言是${llama31.languages.value}，所以中文上没有第三方或 Meta 自己的对照数字。`,
        sources: [...new Set(['L3-card', ...llama31.languages.sources])],
      },
    ],
    links: benchmarkLinks(rows),
  };
}

export function otherLanguages(data: SummaryData): SummaryItem {
  const english = quoteRow(data.benchmarks, 'q3tr-base', 'MMLU');
  const multilingual = [quoteRow(data.benchmarks, 'q3tr-base', 'MMMLU'), quoteRow(data.benchmarks, 'q3tr-base', 'MGSM')];
  const languages = ['llama3', 'llama3-1', 'qwen2-5', 'qwen3'].map((id) => seriesById(data.series, id));
  return {
    id: 'glance-languages',
    question: '英语和其他语言呢？',
    claims: [
      { evidence: evidenceOf([english, ...multilingual]), text: verdict([english, ...multilingual]), sources: sourcesOf([english, ...multilingual]) },
      {
        evidence: 'vendor',
        text: `官方支持的语言：${languages.map((s) => `${s.name}为${s.languages.value}`).join('；')}。`,
        sources: [...new Set(languages.flatMap((s) => s.languages.sources))],
      },
    ],
    links: benchmarkLinks([english]),
  };
}

export function codeAndMaths(data: SummaryData): SummaryItem {
  const base = ['GSM8K', 'MATH', 'EvalPlus'].map((b) => quoteRow(data.benchmarks, 'q3tr-base', b));
  const instruct = ['MATH-500', 'LiveCodeBench'].map((b) => quoteRow(data.benchmarks, 'q3tr-instruct', b));
  return {
    id: 'glance-code-maths',
    question: '写代码和做数学呢？',
    claims: [
      { evidence: evidenceOf(base), text: `基础模型：${verdict(base)}`, sources: sourcesOf(base) },
      { evidence: evidenceOf(instruct), text: `指令模型：${verdict(instruct)}`, sources: sourcesOf(instruct) },
    ],
    links: benchmarkLinks([...base, ...instruct]),
  };
}

export function instructionFollowing(data: SummaryData): SummaryItem {
  const row = quoteRow(data.benchmarks, 'q3tr-instruct', 'IFEval');
  const llama = row.scores.find((s) => s.family === 'llama');
  const qwens = row.scores.filter((s) => s.family === 'qwen');
  if (!llama || qwens.length === 0) throw new Error('summary: the IFEval row needs a Llama and a Qwen column');
  const comparisons = qwens.map((q) => `${compareWords(llama, q)} ${q.model} 的 ${q.text}`).join('，');
  const beaten = qwens.filter((q) => llama.value > q.value).map((q) => q.model);
  const lead = beaten.length ? `这一项是 Llama 领先：${llama.model} 高于 ${beaten.join('、')}。` : '';
  return {
    id: 'glance-instructions',
    question: '指令遵循呢？',
    claims: [
      {
        evidence: evidenceOf([row]),
        text: `${measuredBy([row])}，IFEval${row.setting ? `（${row.setting}）` : ''}：${llama.model} 为 ${llama.text}，${comparisons}。${lead}`,
        sources: row.table.sources,
      },
    ],
    links: benchmarkLinks([row]),
  };
}
