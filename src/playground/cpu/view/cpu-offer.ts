/**
 * The way onto the CPU path, under the chat or arena island: offered first when WebGPU is missing
 * or unusable, and as a quieter choice when it works. Pressing it is what downloads the CPU engine.
 * The no-WebGPU notice links to it (#id): following that link brings focus here, so the next Tab
 * is its button.
 */

import { button, element, setDisabled, setText } from '../../ui/dom';

export interface CpuOffer {
  element: HTMLElement;
  /** webGpuUsable: the WebGPU chat above can run, so this is only an alternative. */
  update(webGpuUsable: boolean): void;
}

const WITHOUT_WEBGPU =
  '不能用显卡也可以试：改用 CPU 运行小模型（llama.cpp 的 WebAssembly 版本）。比显卡慢得多，小模型在手机上也能回答；点击后才会下载运行环境（约 10 MB）和模型。';
const WITH_WEBGPU = '也可以不用显卡，改用 CPU 运行小模型（llama.cpp 的 WebAssembly 版本，比显卡慢）。';

export function createCpuOffer(choose: () => Promise<void>): CpuOffer {
  const root = element('div', 'chat-cpu-offer');
  root.tabIndex = -1;
  const text = element('p', 'chat-cpu-offer-text');
  const action = button('改用 CPU 运行', 'button chat-cpu-offer-button');
  action.addEventListener('click', () => {
    setDisabled(action, true);
    setText(action, '正在准备 CPU 运行环境……');
    choose().catch(() => {
      setDisabled(action, false);
      setText(action, '准备失败，点击重试');
    });
  });
  root.append(text, action);
  return {
    element: root,
    update(webGpuUsable) {
      root.dataset.primary = String(!webGpuUsable);
      setText(text, webGpuUsable ? WITH_WEBGPU : WITHOUT_WEBGPU);
      action.className = webGpuUsable ? 'button chat-cpu-offer-button' : 'button button-primary chat-cpu-offer-button';
    },
  };
}
