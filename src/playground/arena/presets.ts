/**
 * Comparison prompts from the article's sections 6 and 9, each in Chinese and in English: the
 * arena exists to show how a model officially meant for English (Llama 3) and a multilingual one
 * (Qwen) handle the same task in either language. The Chinese customer-service, translation and
 * writing prompts are the chat island's own, so both demos try the same cases.
 */

import { PROMPT_PRESETS } from '../session/presets';

export interface ArenaPreset {
  id: string;
  /** Which case, and where the article discusses it. */
  label: string;
  zh: string;
  en: string;
}

function chatPrompt(id: string): string {
  const preset = PROMPT_PRESETS.find((p) => p.id === id);
  if (preset === undefined) throw new Error(`No chat preset ${id}`);
  return preset.prompt;
}

export const ARENA_PRESETS: readonly ArenaPreset[] = [
  {
    id: 'customer-service',
    label: '客服（6.1 节）',
    zh: chatPrompt('customer-service'),
    en: 'Hi, the earphones I bought last week keep failing to connect over Bluetooth. What should I do?',
  },
  {
    id: 'translation',
    label: '翻译（6.2 节）',
    zh: chatPrompt('translation'),
    en: 'Translate the following into Chinese and output only the translation:\nQwen and Llama 3 are both large language models built on the Transformer architecture. Once quantized, their small versions run directly in the browser with WebGPU, and the conversation never leaves your device.',
  },
  {
    id: 'writing',
    label: '写作（6.3 节）',
    zh: chatPrompt('article'),
    en: 'Write a short piece of about 200 words that explains what a large language model is to readers with no technical background, with one example from everyday life.',
  },
  {
    // Chinese-language knowledge, the kind C-Eval and CMMLU test (9.1, 9.2).
    id: 'chinese-knowledge',
    label: '中文知识（9.1 节）',
    zh: '成语“画蛇添足”是什么意思？它出自哪里？请再用它造一个句子。',
    en: 'What does the Chinese idiom “画蛇添足” (huà shé tiān zú) mean, and where does it come from? Use it in an example sentence.',
  },
  {
    // A grade-school word problem in the style of GSM8K (9.2); the answer is 6.
    id: 'reasoning',
    label: '推理（9.2 节）',
    zh: '苹果每斤 6 元，梨每斤 4 元。小明买了苹果和梨共 10 斤，一共花了 52 元。他买了几斤苹果？请一步一步推理。',
    en: 'Apples cost 6 yuan per jin and pears cost 4 yuan per jin. Xiao Ming bought 10 jin of apples and pears in total and paid 52 yuan. How many jin of apples did he buy? Reason step by step.',
  },
];
