import { describe, expect, it } from 'vitest';
import { clearVotes, readVotes, saveVote, tallyByPair, VOTES_BACKUP_PREFIX, VOTES_STORAGE_KEY, winner, type Vote } from '../../src/playground/arena/votes';

class MemoryStorage {
  data = new Map<string, string>();
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.data.set(key, value);
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
}

const models = { qwen: 'Qwen2.5-3B-Instruct-q4f16_1-MLC', llama: 'Llama-3.2-3B-Instruct-q4f16_1-MLC' };
const vote = (sideA: Vote['sideA'], verdict: Vote['verdict']): Vote => ({ models, sideA, verdict, prompt: '你好', at: 1 });

describe('winner', () => {
  it('translates sides back to models', () => {
    expect(winner(vote('qwen', 'a-better'))).toBe('qwen');
    expect(winner(vote('llama', 'a-better'))).toBe('llama');
    expect(winner(vote('qwen', 'b-better'))).toBe('llama');
    expect(winner(vote('llama', 'b-better'))).toBe('qwen');
    expect(winner(vote('llama', 'tie'))).toBe('tie');
    expect(winner(vote('qwen', 'both-bad'))).toBe('both-bad');
  });
});

describe('vote history', () => {
  it('persists votes and tallies them per model pair', () => {
    const storage = new MemoryStorage();
    saveVote(storage, vote('qwen', 'a-better'));
    saveVote(storage, vote('llama', 'a-better'));
    saveVote(storage, vote('llama', 'b-better'));
    saveVote(storage, vote('qwen', 'tie'));
    saveVote(storage, { ...vote('qwen', 'both-bad'), models: { ...models, llama: 'Llama-3.2-1B-Instruct-q4f32_1-MLC' } });
    const tallies = tallyByPair(readVotes(storage));
    expect(tallies).toHaveLength(2);
    expect(tallies[0]).toMatchObject({ qwenWins: 2, llamaWins: 1, ties: 1, bothBad: 0, total: 4 });
    expect(tallies[1]).toMatchObject({ bothBad: 1, total: 1 });
  });

  it.each([
    ['not JSON', '{oops'],
    ['not an array', '{"votes": 3}'],
    ['wrong shapes', '[{"models": 1}, null, 5, "x"]'],
  ])('falls back to an empty history when the stored data is %s', (_name, raw) => {
    const storage = new MemoryStorage();
    storage.setItem(VOTES_STORAGE_KEY, raw);
    expect(readVotes(storage)).toEqual([]);
    expect(saveVote(storage, vote('qwen', 'tie'))).toBe(true);
    expect(readVotes(storage)).toHaveLength(1);
  });

  it('keeps the valid votes of a partly corrupted history', () => {
    const storage = new MemoryStorage();
    storage.setItem(VOTES_STORAGE_KEY, JSON.stringify([vote('qwen', 'tie'), { verdict: 'nonsense' }]));
    expect(readVotes(storage)).toHaveLength(1);
  });

  it('a history cut short (300 votes, truncated JSON) is kept under a backup key, not overwritten by the next vote', () => {
    const storage = new MemoryStorage();
    const truncated = JSON.stringify(Array.from({ length: 300 }, () => vote('qwen', 'tie'))).slice(0, -40);
    storage.setItem(VOTES_STORAGE_KEY, truncated);
    expect(saveVote(storage, vote('llama', 'a-better'), 1234)).toBe(true);
    expect(storage.getItem(`${VOTES_BACKUP_PREFIX}1234`)).toBe(truncated);
    expect(readVotes(storage)).toEqual([vote('llama', 'a-better')]);
    // A second rescue does not overwrite the first.
    storage.setItem(VOTES_STORAGE_KEY, '{oops');
    saveVote(storage, vote('qwen', 'tie'), 5678);
    expect(storage.getItem(`${VOTES_BACKUP_PREFIX}1234`)).toBe(truncated);
    expect(storage.getItem(`${VOTES_BACKUP_PREFIX}5678`)).toBe('{oops');
  });

  it('entries this version does not understand are written back untouched', () => {
    const storage = new MemoryStorage();
    const newer = { models, sideA: 'qwen', verdict: 'much-better', prompt: '你好', at: 2, rating: 5 };
    storage.setItem(VOTES_STORAGE_KEY, JSON.stringify([vote('qwen', 'tie'), newer]));
    saveVote(storage, vote('llama', 'b-better'));
    expect(JSON.parse(storage.getItem(VOTES_STORAGE_KEY)!)).toEqual([vote('qwen', 'tie'), newer, vote('llama', 'b-better')]);
    expect(readVotes(storage)).toHaveLength(2);
  });

  it('the key carries the site’s base path; a history under the old unprefixed key moves over', () => {
    expect(VOTES_STORAGE_KEY).toBe(`${import.meta.env.BASE_URL.replace(/\/?$/, '/')}arena-votes-v1`);
    const storage = new MemoryStorage();
    storage.setItem('arena-votes-v1', JSON.stringify([vote('qwen', 'tie')]));
    expect(readVotes(storage)).toEqual([vote('qwen', 'tie')]);
    expect(storage.getItem('arena-votes-v1')).toBeNull();
    expect(JSON.parse(storage.getItem(VOTES_STORAGE_KEY)!)).toEqual([vote('qwen', 'tie')]);
  });

  it('survives storage that throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(readVotes(broken)).toEqual([]);
    expect(saveVote(broken, vote('qwen', 'tie'))).toBe(false);
    expect(() => clearVotes(broken)).not.toThrow();
  });

  it('clears the history', () => {
    const storage = new MemoryStorage();
    saveVote(storage, vote('qwen', 'tie'));
    clearVotes(storage);
    expect(readVotes(storage)).toEqual([]);
  });
});
