/**
 * Can this browser run the playground, and which builds may it offer?
 *
 * A pure decision over a plain description of the environment (see probe-gpu.ts for the thin
 * reader) so every branch can be unit-tested without a GPU. It has to run before any Load button
 * does anything: web-llm's reload() downloads mlc-chat-config.json and the model library before
 * it checks for WebGPU, so without this check a reader without WebGPU sees a download error.
 */

import { usableQuantizations, type Quantization } from './quantization';
import { limitsBelowWebLlmMinimum, type AdapterLimits } from './webgpu-requirements';

export interface AdapterDescription {
  features: string[];
  limits: AdapterLimits;
  info?: { vendor: string; architecture: string; description: string };
}

export interface EnvironmentDescription {
  isSecureContext: boolean;
  hasNavigatorGpu: boolean;
  adapter: AdapterDescription | null;
  /** A phone or tablet: the advice differs (no hardware-acceleration switch, other browsers). */
  mobile?: boolean;
}

export type CapabilityProblem = 'insecure-context' | 'no-webgpu' | 'no-adapter' | 'limits-too-small';

export type CapabilityDecision =
  | {
      ok: true;
      reason?: undefined;
      shaderF16: boolean;
      allowedQuantizations: Quantization[];
      /** One Chinese sentence for the reader. */
      message: string;
    }
  | {
      ok: false;
      reason: CapabilityProblem;
      shaderF16: boolean;
      /** Always empty: nothing can run. */
      allowedQuantizations: Quantization[];
      message: string;
    };

// Browser versions checked against the gpuweb implementation-status wiki and MDN's compat data
// (late 2025): Chromium 113 on Windows/macOS/ChromeOS, Chrome 121 on Android 12+, Safari 26 (see
// MOBILE_BROWSERS for WebKit's own posts), Firefox 141 on Windows (145 on Apple-silicon macOS 26).
// Linux Chrome is only partly enabled.
const WORKING_BROWSERS =
  'Windows、macOS 或 ChromeOS 上的 Chrome/Edge 113 及以上版本、Android 12 以上的 Chrome 121 及以上版本、Safari 26 及以上版本，或 Windows 上的 Firefox 141 及以上版本';

export const CAPABILITY_MESSAGES: Readonly<Record<CapabilityProblem, string>> = {
  'insecure-context':
    '本页没有通过安全连接打开，浏览器因此关闭了 WebGPU：请改用 https:// 地址（或本机的 localhost）重新打开本页。',
  'no-webgpu': `你的浏览器没有提供 WebGPU，无法在本机运行模型：请用${WORKING_BROWSERS}打开本页。`,
  'no-adapter':
    '浏览器支持 WebGPU，但没有找到可用的显卡：请在浏览器设置中打开“使用硬件加速”，把浏览器和显卡驱动更新到最新版本，或换一台设备再试。',
  'limits-too-small':
    '你的显卡允许的显存缓冲区太小，运行不了这些模型：请换用电脑上最新版的 Chrome 或 Edge，或换一台设备再试。',
};

// Phones and tablets have no hardware-acceleration switch and no graphics driver to update. Chrome
// for Android enables WebGPU from 121 on Android 12+ with Qualcomm or ARM GPUs only (Chrome's
// "What's New in WebGPU 121"); on iPhone and iPad, Safari has it from iOS/iPadOS 26: WebKit's
// announcement at WWDC25 (https://webkit.org/blog/16993/news-from-wwdc25-web-technology-coming-this-fall-in-safari-26-beta/)
// and its Safari 26.0 release post, 2025-09-15 (https://webkit.org/blog/17333/webkit-features-in-safari-26-0/:
// WebGPU in Safari on macOS, iOS, iPadOS and visionOS 26).
const MOBILE_BROWSERS = 'Android 12 及以上系统的 Chrome 121 及以上版本（高通或 ARM 显卡的设备），或 iOS、iPadOS 26 上的 Safari';

export const MOBILE_CAPABILITY_MESSAGES: Readonly<Partial<Record<CapabilityProblem, string>>> = {
  'no-webgpu': `这个浏览器没有提供 WebGPU，无法用这台设备的显卡运行模型：手机和平板上请用${MOBILE_BROWSERS}打开本页。`,
  'no-adapter': `浏览器支持 WebGPU，但在这台设备上没有找到可用的显卡：手机和平板上目前只有${MOBILE_BROWSERS}能用，请把系统和浏览器更新到最新版本再试。`,
};

const READY_MESSAGE = '你的浏览器可以在本机显卡上运行这些模型。';
const READY_WITHOUT_F16_MESSAGE =
  '你的显卡不支持 16 位浮点着色器（shader-f16），因此只提供 f32 版本的模型（如 q4f32_1），下载稍大、运行稍慢。';

export function decideCapability(env: EnvironmentDescription): CapabilityDecision {
  const shaderF16 = env.adapter?.features.includes('shader-f16') ?? false;
  const refuse = (reason: CapabilityProblem): CapabilityDecision => ({
    ok: false,
    reason,
    shaderF16,
    allowedQuantizations: [],
    message: (env.mobile === true ? MOBILE_CAPABILITY_MESSAGES[reason] : undefined) ?? CAPABILITY_MESSAGES[reason],
  });

  // Order matters: browsers hide navigator.gpu in insecure contexts, so "no WebGPU" there would
  // send the reader looking for a new browser when a https:// link is all they need.
  if (!env.isSecureContext) return refuse('insecure-context');
  if (!env.hasNavigatorGpu) return refuse('no-webgpu');
  if (env.adapter === null) return refuse('no-adapter');
  if (limitsBelowWebLlmMinimum(env.adapter.limits)) return refuse('limits-too-small');

  return {
    ok: true,
    shaderF16,
    allowedQuantizations: usableQuantizations(shaderF16),
    message: shaderF16 ? READY_MESSAGE : READY_WITHOUT_F16_MESSAGE,
  };
}
