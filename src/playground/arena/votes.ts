/**
 * The reader's blind votes, kept in this browser only, as a JSON array under one key.
 *
 * What this version does not understand is never thrown away: entries it cannot read (a newer
 * version's format, a hand edit) are left out of the tally but written back as they were, and a
 * history that does not parse at all (cut short by a full disk, say) is moved to a backup key of
 * its own before a new history starts — it may still be repaired by hand.
 */

import { MODEL_FAMILIES, type ModelFamily } from '../../lib/model-families';
import { readStorage, storageKey } from '../../lib/storage-key';

export type Verdict = 'a-better' | 'b-better' | 'tie' | 'both-bad';

export interface Vote {
  /** The Qwen and Llama builds compared (ids, order-independent for tallies). */
  models: { qwen: string; llama: string };
  /** Which model sat on side A while hidden; the verdict is about sides, the tally about models. */
  sideA: ModelFamily;
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

const VOTES_NAME = 'arena-votes-v1';
/** Prefixed with the site's base path (lib/storage-key.ts). */
export const VOTES_STORAGE_KEY = storageKey(VOTES_NAME);
/** Where an unparseable history goes; one key per rescue, so a rescue never overwrites another. */
export const VOTES_BACKUP_PREFIX = storageKey(`${VOTES_NAME}-unreadable-`);
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
    MODEL_FAMILIES.includes(v.sideA as ModelFamily) &&
    verdicts.has(v.verdict as Verdict) &&
    typeof v.prompt === 'string' &&
    typeof v.at === 'number' &&
    Number.isFinite(v.at)
  );
}

type VoteStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Every stored entry, understood or not; null when the stored text is not a JSON array. */
function readEntries(storage: VoteStorage): { entries: unknown[] | null; raw: string | null } {
  const raw = readStorage(storage, VOTES_NAME);
  if (raw === null) return { entries: [], raw };
  try {
    const parsed: unknown = JSON.parse(raw);
    return { entries: Array.isArray(parsed) ? parsed : null, raw };
  } catch {
    return { entries: null, raw };
  }
}

/** The votes this version understands; unreadable data yields an empty (or partial) history. */
export function readVotes(storage: VoteStorage): Vote[] {
  try {
    return readEntries(storage).entries?.filter(isVote) ?? [];
  } catch {
    return []; // storage disabled by the browser
  }
}

/** Appends a vote; returns false when the browser refuses to store it (the vote still counts on screen). */
export function saveVote(storage: VoteStorage, vote: Vote, now = Date.now()): boolean {
  try {
    const { entries, raw } = readEntries(storage);
    if (entries === null) storage.setItem(`${VOTES_BACKUP_PREFIX}${now}`, raw!);
    storage.setItem(VOTES_STORAGE_KEY, JSON.stringify([...(entries ?? []), vote].slice(-maxStoredVotes)));
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
export function winner(vote: Vote): ModelFamily | 'tie' | 'both-bad' {
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
