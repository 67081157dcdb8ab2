// The fact audit (src/content/audit.yaml) is the record the next audit starts from. It must stay
// true to the article as it reads now: each entry points at a passage that is still there, cites
// references that exist, and says why when a claim could not be confirmed or had to be fixed.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { auditSchema, referenceSchema } from '../../src/content/schemas';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(fileURLToPath(new URL(path, root)), 'utf8');

const audit = auditSchema.parse(parse(read('src/content/audit.yaml')));
const referenceIds = new Set((parse(read('src/content/references.yaml')) as unknown[]).map((r) => referenceSchema.parse(r).id));

describe('the audit record', () => {
  it('points every entry at a passage the file still contains', () => {
    const stale = audit.entries
      .filter((e) => !existsSync(fileURLToPath(new URL(e.file, root))) || !read(e.file).includes(e.passage))
      .map((e) => `${e.file}: ${e.passage}`);
    expect(stale).toEqual([]);
  });

  it('cites only references that exist', () => {
    const unknown = audit.entries.flatMap((e) => e.sources.filter((s) => !referenceIds.has(s)).map((s) => `${e.claim}: ${s}`));
    expect(unknown).toEqual([]);
  });

  it('explains every unverified claim (what was read instead)', () => {
    expect(audit.entries.filter((e) => e.verdict === 'unverified' && !e.note).map((e) => e.claim)).toEqual([]);
  });

  it('says where each correction came from, and records what the audit found on its own', () => {
    const corrected = audit.entries.filter((e) => e.verdict === 'corrected');
    expect(corrected.filter((e) => !e.foundBy).map((e) => e.claim)).toEqual([]);
    expect(corrected.some((e) => e.foundBy === 'audit')).toBe(true);
  });

  it('states honestly which parts were not audited', () => {
    expect(audit.coverage.audited.length).toBeGreaterThan(0);
    expect(audit.coverage.notAudited.length).toBeGreaterThan(0);
  });

  it('covers every model of the architecture table and every quoted benchmark source table', () => {
    const models = (parse(read('src/content/models.yaml')) as Array<{ name: string }>).map((m) => m.name);
    const modelPassages = audit.entries.filter((e) => e.file === 'src/content/models.yaml').map((e) => e.passage);
    expect(models.filter((name) => !modelPassages.includes(`name: ${name}`))).toEqual([]);

    const benchmarkSources = audit.entries.filter((e) => e.file === 'src/content/benchmarks.yaml').flatMap((e) => e.sources);
    const quoted = (parse(read('src/content/benchmarks.yaml')) as Array<{ sources: string[] }>).flatMap((t) => t.sources);
    expect([...new Set(quoted)].filter((s) => !benchmarkSources.includes(s))).toEqual([]);
  });
});
