/**
 * The prompt each family's chat model actually reads for a conversation: Qwen's ChatML and Llama 3's
 * header format. Written out by hand (no Jinja engine shipped to readers) and checked in
 * tests/unit/chat-template.test.ts against the chat_template in each package's tokenizer_config.json.
 */
import type { Family, PerFamily } from './families.ts';

export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

/** The conversation the chat-format view shows: short, and with every role in it. */
export const SAMPLE_CONVERSATION: readonly ChatMessage[] = [
  { role: 'system', content: '你是一个乐于助人的助手。' },
  { role: 'user', content: '用一句话介绍通义千问。' },
  { role: 'assistant', content: '通义千问（Qwen）是阿里巴巴通义千问团队发布的大模型系列。' },
  { role: 'user', content: 'Llama 3 的分词器和它有什么不同？' },
];

const stripNewlines = (text: string, side: 'start' | 'end' | 'both') => {
  let start = 0;
  let end = text.length;
  if (side !== 'end') while (start < end && text[start] === '\n') start++;
  if (side !== 'start') while (end > start && text[end - 1] === '\n') end--;
  return text.slice(start, end);
};

/**
 * Qwen3's template (Qwen2.5 gives the same text whenever a system message is present). An assistant
 * turn after the last user turn gets an empty <think></think> block, as Qwen3 renders it.
 */
export function renderQwenChat(messages: readonly ChatMessage[], addGenerationPrompt = true): string {
  let out = '';
  const first = messages[0];
  if (first?.role === 'system') out += `<|im_start|>system\n${first.content}<|im_end|>\n`;
  let lastUserIndex = messages.length - 1;
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i]?.role === 'user') {
      lastUserIndex = i;
      break;
    }
  }
  messages.forEach((message, index) => {
    if (message.role === 'user' || (message.role === 'system' && index !== 0)) {
      out += `<|im_start|>${message.role}\n${message.content}<|im_end|>\n`;
      return;
    }
    if (message.role !== 'assistant') return;
    let content = message.content;
    let reasoning = '';
    if (content.includes('</think>')) {
      const [before = '', ...after] = content.split('</think>');
      content = stripNewlines(after.at(-1) ?? '', 'start');
      reasoning = stripNewlines(stripNewlines(before, 'end').split('<think>').at(-1) ?? '', 'start');
    }
    const isLast = index === messages.length - 1;
    if (index > lastUserIndex && (isLast || reasoning)) {
      out += `<|im_start|>assistant\n<think>\n${stripNewlines(reasoning, 'both')}\n</think>\n\n${stripNewlines(content, 'start')}`;
    } else {
      out += `<|im_start|>assistant\n${content}`;
    }
    out += '<|im_end|>\n';
  });
  if (addGenerationPrompt) out += '<|im_start|>assistant\n';
  return out;
}

/** Llama 3 Instruct's template, which always ends with the assistant's header. */
export function renderLlama3Chat(messages: readonly ChatMessage[]): string {
  let out = '<|begin_of_text|>';
  for (const message of messages) {
    out += `<|start_header_id|>${message.role}<|end_header_id|>\n\n${message.content.trim()}<|eot_id|>`;
  }
  return `${out}<|start_header_id|>assistant<|end_header_id|>\n\n`;
}

export function renderChat(family: Family, messages: readonly ChatMessage[]): string {
  return family === 'qwen' ? renderQwenChat(messages) : renderLlama3Chat(messages);
}

export function renderChats(messages: readonly ChatMessage[]): PerFamily<string> {
  return { qwen: renderQwenChat(messages), llama: renderLlama3Chat(messages) };
}
