/**
 * The chat island on the CPU path: the same session and view as on WebGPU, with the GGUF
 * catalogue and the wllama engine. Loaded by a dynamic import when the reader chooses the CPU
 * path, so none of it (nor wllama) is downloaded before.
 */

import type { ChatEngine } from '../engine/chat-engine';
import { ChatSession } from '../session/chat-session';
import { createChatView } from '../chat/view/chat-view';
import { joinGpuTenants } from '../gpu/gpu-tenants';
import { currentModelSource } from '../sources/source-store';
import { CpuChatEngine } from './cpu-chat-engine';
import { CPU_CATALOGUE } from './gguf-catalogue';
import { cpuCapability } from './cpu-capability';

export interface MountedCpuChat {
  session: ChatSession;
  destroy(): Promise<void>;
}

const CPU_INTRO =
  '模型在你的浏览器里、用你设备的 CPU 运行（llama.cpp 的 WebAssembly 版本）：提示词和回答都不会发送到任何服务器。模型文件只需下载一次（来自所选的模型下载源），之后保存在浏览器的本地存储里。CPU 比显卡慢得多，请先试最小的模型。';

export async function mountCpuChat(root: HTMLElement, id: string, reloadPage: () => void): Promise<MountedCpuChat> {
  const engine: ChatEngine = new CpuChatEngine({ source: currentModelSource });
  const session: ChatSession = new ChatSession({
    engine,
    catalogue: CPU_CATALOGUE,
    capability: cpuCapability,
    // One model at a time on a page, whether it runs on the GPU or, here, on the CPU.
    onWillLoad: () => tenancy.claim(),
  });
  const tenancy = joinGpuTenants(session);
  const view = createChatView(session, { id, reloadPage, intro: CPU_INTRO });
  root.replaceChildren(view.element);
  root.dataset.engine = 'cpu';
  await session.checkCapability();
  view.flush();
  return {
    session,
    async destroy() {
      view.destroy();
      tenancy.leave();
      await engine.dispose();
    },
  };
}
