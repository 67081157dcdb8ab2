// The chat formats the island renders by hand must be exactly what each model's own chat_template
// (tokenizer_config.json in the same packages that ship the served tokenizer.json) produces when
// rendered with a Jinja engine, @huggingface/jinja, the one transformers.js uses.
import { readFileSync } from 'node:fs';
import { Template } from '@huggingface/jinja';
import { describe, expect, test } from 'vitest';
import {
  renderChats,
  renderLlama3Chat,
  renderQwenChat,
  SAMPLE_CONVERSATION,
  type ChatMessage,
} from '../../src/playground/tokenizer/chat-template';
import type { Family } from '../../src/playground/tokenizer/families';
import { loadNodeTokenizer, tokenizerConfigPath } from '../../src/playground/tokenizer/node-files';
import { tokenizeForView } from '../../src/playground/tokenizer/tokenize-text';

interface TokenizerConfig {
  chat_template: string;
  bos_token: string | null;
  eos_token: string | null;
}

const config = (family: Family): TokenizerConfig => JSON.parse(readFileSync(tokenizerConfigPath(family), 'utf8'));

function jinja(family: Family, messages: readonly ChatMessage[], addGenerationPrompt: boolean): string {
  const { chat_template, bos_token, eos_token } = config(family);
  return new Template(chat_template).render({
    messages,
    bos_token: bos_token ?? '',
    eos_token: eos_token ?? '',
    add_generation_prompt: addGenerationPrompt,
  });
}

const CONVERSATIONS: Record<string, ChatMessage[]> = {
  sample: [...SAMPLE_CONVERSATION],
  'one user message': [{ role: 'user', content: '你好' }],
  'system and user': [
    { role: 'system', content: 'You are a helpful assistant.' },
    { role: 'user', content: '请简要介绍一下大语言模型。' },
  ],
  'padding whitespace': [
    { role: 'system', content: '  前后有空白\n' },
    { role: 'user', content: '\n多行\n内容  ' },
  ],
  'ends with the assistant': [
    { role: 'user', content: '1+1=?' },
    { role: 'assistant', content: '2' },
  ],
  'assistant with reasoning': [
    { role: 'user', content: '为什么天空是蓝色的？' },
    { role: 'assistant', content: '<think>\n瑞利散射\n</think>\n\n因为瑞利散射。' },
  ],
  'several turns': [
    { role: 'system', content: 'S' },
    { role: 'user', content: 'U1' },
    { role: 'assistant', content: 'A1' },
    { role: 'user', content: 'U2' },
    { role: 'assistant', content: 'A2' },
    { role: 'user', content: 'U3' },
  ],
};

describe('Qwen (ChatML) matches its chat_template', () => {
  test.each(Object.entries(CONVERSATIONS))('%s, with the generation prompt', (_name, messages) => {
    expect(renderQwenChat(messages, true)).toBe(jinja('qwen', messages, true));
  });
  test.each(Object.entries(CONVERSATIONS))('%s, without it', (_name, messages) => {
    expect(renderQwenChat(messages, false)).toBe(jinja('qwen', messages, false));
  });
});

describe('Llama 3 matches its chat_template', () => {
  test.each(Object.entries(CONVERSATIONS))('%s', (_name, messages) => {
    expect(renderLlama3Chat(messages)).toBe(jinja('llama', messages, true));
  });
});

describe('the sample conversation the island shows', () => {
  test('is rendered in each family’s format, literally', () => {
    const chats = renderChats(SAMPLE_CONVERSATION);
    expect(chats.qwen).toBe(
      '<|im_start|>system\n你是一个乐于助人的助手。<|im_end|>\n' +
        '<|im_start|>user\n用一句话介绍通义千问。<|im_end|>\n' +
        '<|im_start|>assistant\n通义千问（Qwen）是阿里巴巴通义千问团队发布的大模型系列。<|im_end|>\n' +
        '<|im_start|>user\nLlama 3 的分词器和它有什么不同？<|im_end|>\n' +
        '<|im_start|>assistant\n',
    );
    expect(chats.llama).toBe(
      '<|begin_of_text|>' +
        '<|start_header_id|>system<|end_header_id|>\n\n你是一个乐于助人的助手。<|eot_id|>' +
        '<|start_header_id|>user<|end_header_id|>\n\n用一句话介绍通义千问。<|eot_id|>' +
        '<|start_header_id|>assistant<|end_header_id|>\n\n通义千问（Qwen）是阿里巴巴通义千问团队发布的大模型系列。<|eot_id|>' +
        '<|start_header_id|>user<|end_header_id|>\n\nLlama 3 的分词器和它有什么不同？<|eot_id|>' +
        '<|start_header_id|>assistant<|end_header_id|>\n\n',
    );
  });

  test('has its special tokens recognised and counted', () => {
    const chats = renderChats(SAMPLE_CONVERSATION);
    const qwen = tokenizeForView(loadNodeTokenizer('qwen'), chats.qwen);
    const llama = tokenizeForView(loadNodeTokenizer('llama'), chats.llama);
    // Qwen: <|im_start|> and <|im_end|> around 4 messages, plus the generation prompt's <|im_start|>.
    expect(qwen.specialCount).toBe(9);
    expect(qwen.units.filter((unit) => unit.special).map((unit) => unit.text)).toEqual([
      ...Array.from({ length: 4 }, () => ['<|im_start|>', '<|im_end|>']).flat(),
      '<|im_start|>',
    ]);
    // Llama 3: <|begin_of_text|>, three per message, two for the assistant header at the end.
    expect(llama.specialCount).toBe(1 + 4 * 3 + 2);
    expect(llama.units[0]).toMatchObject({ text: '<|begin_of_text|>', special: true, pieces: [{ id: 128000 }] });
    expect(
      llama.units
        .filter((unit) => unit.text === '<|eot_id|>')
        .every((unit) => unit.special && unit.pieces[0]?.id === 128009),
    ).toBe(true);
  });

  test('each format’s markers are plain text to the other family’s tokenizer', () => {
    const chats = renderChats(SAMPLE_CONVERSATION);
    expect(tokenizeForView(loadNodeTokenizer('llama'), chats.qwen).specialCount).toBe(0);
    expect(tokenizeForView(loadNodeTokenizer('qwen'), chats.llama).specialCount).toBe(0);
  });
});
