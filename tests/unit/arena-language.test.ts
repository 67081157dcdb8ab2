import { describe, expect, it } from 'vitest';
import { compareAnswerLanguage, detectLanguage } from '../../src/playground/arena/language';

describe('detectLanguage', () => {
  it.each([
    ['今天天气很好，适合出去玩。', 'zh'],
    ['The weather is nice today, a good day to go out.', 'en'],
    ['Jīntiān tiānqì hěn hǎo, shìhé chūqù wán.', 'pinyin'],
    ['jintian tianqi hen hao shihe chuqu wan', 'pinyin'],
    ['用Python加载模型，然后调用generate函数生成回答。', 'zh'],
    ['这个模型很好 but the speed is slow 速度有点慢', 'mixed'],
    ['Llama 3 的 context window 是 8K tokens, and Qwen2.5 supports 128K tokens in the long version', 'en'],
    ['12345 !!!', 'unknown'],
    ['', 'unknown'],
  ])('%s → %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it('does not take short English sentences made of pinyin-like words for pinyin', () => {
    expect(detectLanguage('He ran in the sun and then we sang a long song')).toBe('en');
  });
});

describe('compareAnswerLanguage', () => {
  it('flags a Chinese prompt answered in English', () => {
    const verdict = compareAnswerLanguage('请用一句话介绍长城。', 'The Great Wall is a series of fortifications in China.');
    expect(verdict.matches).toBe(false);
    expect(verdict.message).toBe('应使用中文回答，实际回答却是英文。');
  });

  it('flags a Chinese prompt answered in pinyin', () => {
    const verdict = compareAnswerLanguage('今天天气怎么样？', 'Jīntiān tiānqì hěn hǎo, wǒmen qù gōngyuán ba.');
    expect(verdict).toMatchObject({ answer: 'pinyin', matches: false });
  });

  it('accepts a Chinese answer that quotes code or names', () => {
    expect(compareAnswerLanguage('怎么安装？', '可以运行 pip install torch transformers 来安装 PyTorch 和 transformers。').matches).toBe(true);
  });

  it('accepts an English answer to an English prompt, and to a mixed one', () => {
    expect(compareAnswerLanguage('Say hello in one word.', 'Hello.').matches).toBe(true);
    expect(compareAnswerLanguage('Hello! 你好 means hello, right?', 'Yes, 你好 means hello.').matches).toBe(true);
  });

  it('judges a translation by the language it asks for', () => {
    expect(compareAnswerLanguage('请把这句话翻译成英文：你好，很高兴认识你', 'Hello, nice to meet you.').matches).toBe(true);
    expect(compareAnswerLanguage('请把这句话翻译成英文：你好，很高兴认识你', '你好，很高兴认识你。').matches).toBe(false);
    expect(compareAnswerLanguage('Translate into Chinese: good morning', '早上好').matches).toBe(true);
  });

  it('flags an English prompt answered in Chinese', () => {
    expect(compareAnswerLanguage('Describe the Great Wall in one sentence.', '长城是中国古代的军事防御工程。').matches).toBe(false);
  });
});
