/**
 * Example prompts, taken from the article's own cases so a reader can try exactly what the text
 * discusses: the 4.3 continuation case, the 6.1 customer-service question, translation (6.2) and
 * article writing (6.3).
 */

export interface PromptPreset {
  id: string;
  label: string;
  prompt: string;
}

export const PROMPT_PRESETS: readonly PromptPreset[] = [
  {
    id: 'continuation',
    label: '续写句子（4.3 节案例）',
    prompt: '请仿照下面这句话的内容和结构，续写一句相似的话：今天天气很好，适合出去玩。',
  },
  {
    id: 'customer-service',
    label: '客服问题（6.1 节）',
    prompt: '你好，我上周买的耳机一直连不上蓝牙，应该怎么办？',
  },
  {
    id: 'translation',
    label: '中译英（6.2 节）',
    prompt:
      '请把下面这段话翻译成英文，只输出译文：\n通义千问和 Llama 3 都是基于 Transformer 架构的大语言模型。量化以后，它们的小尺寸版本可以直接在浏览器里用 WebGPU 运行，对话内容不会离开你的设备。',
  },
  {
    id: 'article',
    label: '文章写作（6.3 节）',
    prompt: '请写一篇 300 字左右的短文，向没有技术背景的读者介绍什么是大语言模型，并举一个日常生活中的例子。',
  },
];
