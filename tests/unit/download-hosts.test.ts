// The privacy notes say where model files come from; the hosts they name must be the ones the
// source really downloads from.
import { describe, expect, test } from 'vitest';
import { HF_MIRROR, HUGGING_FACE, customSource, downloadHosts } from '../../src/playground/sources/model-source';

describe('downloadHosts', () => {
  test('Hugging Face: weights from Hugging Face, libraries from GitHub', () => {
    expect(downloadHosts(HUGGING_FACE)).toBe('Hugging Face 和 GitHub');
    expect(downloadHosts(HUGGING_FACE, true)).toBe('Hugging Face（模型权重）和 GitHub（编译好的模型程序）');
  });

  test('the mirror: hf-mirror.com and jsDelivr, and neither Hugging Face nor GitHub', () => {
    for (const text of [downloadHosts(HF_MIRROR), downloadHosts(HF_MIRROR, true)]) {
      expect(text).toContain('hf-mirror.com');
      expect(text).toContain('jsDelivr');
      expect(text).not.toMatch(/Hugging Face|GitHub/);
    }
  });

  test('a self-hosted folder: its host only', () => {
    const source = customSource('https://models.example.cn/mlc/');
    expect(downloadHosts(source)).toBe('models.example.cn');
    expect(downloadHosts(source, true)).toBe('models.example.cn（模型权重和编译好的模型程序）');
  });
});
