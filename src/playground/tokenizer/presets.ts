/** Sample texts. The Chinese one is a paragraph of the article (section 3.1); the English one is its translation. */
export interface Preset {
  id: string;
  label: string;
  text: string;
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'article-zh',
    label: '本文段落（中文）',
    text: '阿里通义千问和 Llama 3 的核心算法原理相同：两者都是基于 Transformer 的大型语言模型。Transformer 通过自注意力机制和多层堆叠的解码器块对序列建模：训练时可以并行处理整段序列，但自注意力的计算量随序列长度平方增长（见 3.3.1 节），在此基础上实现文本生成、自然语言理解等任务。以下是算法原理的概述。',
  },
  {
    id: 'article-en',
    label: '同一段（英文）',
    text: 'Alibaba’s Tongyi Qianwen and Llama 3 share the same core algorithm: both are large language models built on the Transformer. The Transformer models a sequence with self-attention and a stack of decoder blocks: training can process a whole sequence in parallel, but the cost of self-attention grows with the square of the sequence length (see section 3.3.1). On this basis it handles tasks such as text generation and natural language understanding. Below is an overview of the algorithm.',
  },
  {
    id: 'code',
    label: '代码',
    text: [
      'from transformers import AutoModelForCausalLM, AutoTokenizer',
      '',
      'model_name = "Qwen/Qwen2.5-7B-Instruct"',
      'tokenizer = AutoTokenizer.from_pretrained(model_name)',
      'model = AutoModelForCausalLM.from_pretrained(model_name, dtype="auto")',
      '',
      'for i in range(3):',
      '    print(f"step {i}: {tokenizer.decode([i])!r}")',
    ].join('\n'),
  },
  {
    id: 'mixed',
    label: '中英混合',
    text: '用 transformers 加载 Qwen2.5-7B-Instruct 之后，先调用 apply_chat_template(messages, add_generation_prompt=True) 构造 prompt，再用 model.generate(max_new_tokens=512) 生成回答；Llama 3 的 context window 是 8K token。',
  },
  {
    id: 'emoji',
    label: '表情符号',
    text: '今天天气很好☀️，适合出去玩🚴‍♀️！全家👨‍👩‍👧‍👦都很开心😄🎉 Great weather 👍🏽🇨🇳',
  },
];
