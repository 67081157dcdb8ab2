/**
 * The reader's blind votes, kept in this browser only. Stored as JSON under one key; anything
 * that does not parse or validate (an old format, a hand edit, another site's junk) is dropped
 * rather than breaking the page.
 */

export type Verdict = 'a-better' | 'b-better' | 'tie' | 'both-bad';

export interface Vote {
  /** The Qwen and Llama builds compared (ids, order-independent for tallies). */
  models: { qwen: string; llama: string };
  /** Which model sat on side A while hidden; the verdict is about sides, the tally about models. */
  sideA: 'qwen' | 'llama';
  verdict: Verdict;
  prompt: string;
  /** ms since epoch */
  at: number;
}

export interface PairTally {
  qwen: string;
  llama: string;
  qwenWins: number;
  llamaWins: number;
  ties: number;
  bothBad: number;
  total: number;
}

export const VOTES_STORAGE_KEY = 'arena-votes-v1';
const maxStoredVotes = 500;

const verdicts = new Set<Verdict>(['a-better', 'b-better', 'tie', 'both-bad']);

function isVote(value: unknown): value is Vote {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const models = v.models as Record<string, unknown> | null;
  return (
    typeof models === 'object' &&
    models !== null &&
    typeof models.qwen === 'string' &&
    typeof models.llama === 'string' &&
    (v.sideA === 'qwen' || v.sideA === 'llama') &&
    verdicts.has(v.verdict as Verdict) &&
    typeof v.prompt === 'string' &&
    typeof v.at === 'number' &&
    Number.isFinite(v.at)
  );
}

/** Reads the history; corrupted or foreign data yields an empty (or partly kept) history. */
export function readVotes(storage: Pick<Storage, 'getItem'>): Vote[] {
  let raw: string | null;
  try {
    raw = storage.getItem(VOTES_STORAGE_KEY);
  } catch {
    return []; // storage disabled by the browser
  }
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter(isVote) : [];
  } catch {
    return [];
  }
}

/** Appends a vote; returns false when the browser refuses to store it (the vote still counts on screen). */
export function saveVote(storage: Pick<Storage, 'getItem' | 'setItem'>, vote: Vote): boolean {
  const votes = [...readVotes(storage), vote].slice(-maxStoredVotes);
  try {
    storage.setItem(VOTES_STORAGE_KEY, JSON.stringify(votes));
    return true;
  } catch {
    return false;
  }
}

export function clearVotes(storage: Pick<Storage, 'removeItem'>): void {
  try {
    storage.removeItem(VOTES_STORAGE_KEY);
  } catch {
    // Nothing stored that we could reach; the on-screen history is cleared by the caller.
  }
}

/** Which model the reader preferred, translating sides back to models. */
export function winner(vote: Vote): 'qwen' | 'llama' | 'tie' | 'both-bad' {
  if (vote.verdict === 'tie' || vote.verdict === 'both-bad') return vote.verdict;
  const sideB = vote.sideA === 'qwen' ? 'llama' : 'qwen';
  return vote.verdict === 'a-better' ? vote.sideA : sideB;
}

export function tallyByPair(votes: readonly Vote[]): PairTally[] {
  const tallies = new Map<string, PairTally>();
  for (const vote of votes) {
    const key = `${vote.models.qwen}\n${vote.models.llama}`;
    const tally = tallies.get(key) ?? {
      qwen: vote.models.qwen,
      llama: vote.models.llama,
      qwenWins: 0,
      llamaWins: 0,
      ties: 0,
      bothBad: 0,
      total: 0,
    };
    const result = winner(vote);
    if (result === 'qwen') tally.qwenWins++;
    else if (result === 'llama') tally.llamaWins++;
    else if (result === 'tie') tally.ties++;
    else tally.bothBad++;
    tally.total++;
    tallies.set(key, tally);
  }
  return [...tallies.values()].sort((a, b) => b.total - a.total);
}
