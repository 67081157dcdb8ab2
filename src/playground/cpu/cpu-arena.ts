/**
 * The arena on the CPU path: the same two sessions and view, over the GGUF catalogue and two
 * wllama engines. One model at a time: the CPU path keeps each model's whole file in WebAssembly
 * memory, and two small models answering at once would only share the same cores, so the arena
 * always runs one after the other and unloads the first model before it loads the second.
 */

import type { ArenaBackend } from '../arena/arena-session';
import { suggestedPairs } from '../arena/pairs';
import { formatVram } from '../ui/format';
import type { ChatEngine } from '../engine/chat-engine';
import { currentModelSource } from '../sources/source-store';
import { cpuCapability } from './cpu-capability';
import { CpuChatEngine } from './cpu-chat-engine';
import { CPU_CATALOGUE } from './gguf-catalogue';

export const CPU_ARENA: ArenaBackend = {
  catalogue: CPU_CATALOGUE,
  capability: cpuCapability,
  pairs: () => suggestedPairs('Q4_K_M', CPU_CATALOGUE),
  plan(qwen, llama) {
    const known = qwen.estimatedDownloadBytes > 0 && llama.estimatedDownloadBytes > 0;
    const largest = Math.max(qwen.vramRequiredMB, llama.vramRequiredMB);
    return {
      totalDownloadBytes: qwen.estimatedDownloadBytes + llama.estimatedDownloadBytes,
      // One at a time: the larger model is what the device has to hold.
      totalVramMB: known ? largest : 0,
      mode: 'one-after-another',
      reason: `在 CPU 上一次只运行一个模型：先让一个模型回答，卸载后再加载另一个，内存里始终只有一个模型${known ? `（最多约 ${formatVram(largest)}）` : ''}。`,
    };
  },
  // The plan's reason names the memory: one model's, not the pair's.
  describeMemory: () => '',
  hardware: '不用显卡：CPU（llama.cpp 的 WebAssembly 版本）',
  intro:
    '把同一个提示词、同样的采样设置和随机种子交给一个 Qwen 模型和一个 Llama 模型，在你的浏览器里用你设备的 CPU 依次生成，并排比较回答、速度和回答用的语言。提示词和回答都不会发送到任何服务器；只有模型文件需要下载。CPU 比显卡慢得多，请先试最小的模型。',
};

export function createCpuEngine(): ChatEngine {
  // Asked on every call, so a download-source change made elsewhere on the site applies here too.
  return new CpuChatEngine({ source: currentModelSource });
}
