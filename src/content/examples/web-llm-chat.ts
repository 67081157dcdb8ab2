// 一个独立的 web-llm 对话示例：复制到新建的 Vite 项目或普通的 ES 模块页面即可运行
// （先 npm install @mlc-ai/web-llm；页面要通过 https 或 localhost 打开，浏览器要支持 WebGPU）。
import { CreateMLCEngine, type InitProgressReport } from '@mlc-ai/web-llm';

/** web-llm 预置模型列表中的一个小模型：约 0.5B 参数、4 bit 量化，不要求显卡支持 shader-f16。 */
export const MODEL_ID = 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC';

export interface ChatCallbacks {
  /** 加载进度：首次运行要下载权重和模型库，之后从浏览器缓存读取。 */
  onProgress?: (report: InitProgressReport) => void;
  /** 每收到一段新生成的文字调用一次。 */
  onText?: (text: string) => void;
  /** 触发后停止生成，已生成的文字照常返回。 */
  stop?: AbortSignal;
}

/** 加载模型，流式生成一条回答，最后卸载模型、释放显存。返回完整的回答。 */
export async function chatOnce(prompt: string, { onProgress, onText, stop }: ChatCallbacks = {}): Promise<string> {
  // 1. 创建引擎：下载（或从缓存读取）模型，通过回调报告进度。
  const engine = await CreateMLCEngine(MODEL_ID, { initProgressCallback: onProgress });
  // 2. 停止：interruptGenerate() 让正在进行的生成在下一个 token 处结束。
  const interrupt = () => void engine.interruptGenerate();
  stop?.addEventListener('abort', interrupt);
  try {
    // 3. 流式生成：OpenAI 风格的接口，stream: true 时逐块返回新生成的文字。
    const chunks = await engine.chat.completions.create({
      messages: [{ role: 'user', content: prompt }],
      stream: true,
      temperature: 0.7,
      max_tokens: 256,
    });
    let reply = '';
    for await (const chunk of chunks) {
      const text = chunk.choices[0]?.delta.content ?? '';
      reply += text;
      onText?.(text);
    }
    return reply;
  } finally {
    stop?.removeEventListener('abort', interrupt);
    // 4. 卸载：释放模型占用的显存；模型文件仍留在浏览器缓存里，下次加载更快。
    await engine.unload();
  }
}

// 用法示例（放在页面脚本里）：
//   const stopButton = document.querySelector('button#stop')!;
//   const controller = new AbortController();
//   stopButton.addEventListener('click', () => controller.abort());
//   const reply = await chatOnce('用一句话介绍大语言模型。', {
//     onProgress: (report) => console.log(report.text),
//     onText: (text) => document.querySelector('#reply')!.append(text),
//     stop: controller.signal,
//   });
