// The run record that errata E12, E17, E19–E22 cite as RUN is published with the site
// (public/factcheck/), so a reader can rerun it. The scripts must be the seed's code exactly, and
// what the errata quote from the runs must be what the record says, word for word.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { erratumSchema, referenceSchema } from '../../src/content/schemas';

const read = (path: string) => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');
const errata = (parse(read('src/content/errata.yaml')) as unknown[]).map((e) => erratumSchema.parse(e));
const erratum = (id: string) => errata.find((e) => e.id === id)!;
const record = read('public/factcheck/run_outputs.txt');

describe('the published run record (RUN)', () => {
  it('is what the RUN reference links to', () => {
    const references = (parse(read('src/content/references.yaml')) as unknown[]).map((r) => referenceSchema.parse(r));
    expect(references.find((r) => r.id === 'RUN')?.url).toBe('factcheck/README.txt');
  });

  it("runs the seed's two Keras snippets exactly as the errata quote them", () => {
    expect(read('public/factcheck/qwen_snippet.py').trimEnd()).toBe(erratum('E20').originalCode?.code);
    expect(read('public/factcheck/llama_snippet.py').trimEnd()).toBe(erratum('E21').originalCode?.code);
  });

  // [erratum, what it says, what the record shows]
  const quoted: Array<[string, string, string]> = [
    ['E12', '结果均为 1.000000000000', 'N=5,d=4: article formula value = 1.000000000000'],
    ['E12', '结果均为 1.000000000000', 'N=7,d=16: article formula value = 1.000000000000'],
    ['E12', '结果均为 1.000000000000', 'N=3,d=2: article formula value = 1.000000000000'],
    ['E19', '实测共 131,713 个参数', 'total params: 131713'],
    ['E20', 'TensorFlow 2.21.0 / Keras 3.15.1', 'tensorflow 2.21.0 keras 3.15.1'],
    ['E20', "`NameError: name 'x_train' is not defined`", "NameError: name 'x_train' is not defined"],
    ['E20', '`(None, None, 1)`', 'output shape: (None, None, 1)'],
    ['E21', 'Keras 3.15.1', 'tensorflow 2.21.0 keras 3.15.1'],
    ['E21', '转成 int32（截断，实测 3.7→3）', 'rows equal (3.7 truncated to 3): True'],
    ['E21', '转成 int32', 'inputs = ops.cast(inputs, "int32")'],
    ['E21', '输出变成 4 维的 `(None, None, 128, 128)`', 'Embedding output shape: (None, None, 128, 128) (rank 4 )'],
  ];

  it.each(quoted)('%s says "%s", and the record shows "%s"', (id, says, shows) => {
    expect(`${erratum(id).problem}\n${erratum(id).correction}`).toContain(says);
    expect(record).toContain(shows);
  });

  it('quotes the error messages in full, as the record has them', () => {
    const errors = errata.flatMap((e) => [...e.problem.matchAll(/`((?:NameError|ValueError)[^`]*)`/g)].map((m) => m[1]!));
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(errors.filter((message) => !record.includes(message))).toEqual([]);
  });
});
