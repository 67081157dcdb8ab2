/**
 * Reads the browser's WebGPU situation into the plain description capability.ts decides on.
 * No DOM, no web-llm: it must be cheap enough to run on page load, before anything downloads.
 */

import type { AdapterDescription, EnvironmentDescription } from './capability';

/** The slice of `navigator` the probe touches, so tests can hand in a stand-in. */
export interface GpuNavigator {
  gpu?: Pick<GPU, 'requestAdapter'>;
  userAgent?: string;
  maxTouchPoints?: number;
  userAgentData?: { mobile: boolean };
}

/**
 * A phone or tablet. iPadOS Safari presents itself as a Mac, so a touch screen on a "Macintosh"
 * counts as a tablet too.
 */
export function isMobileDevice(nav: GpuNavigator): boolean {
  if (nav.userAgentData !== undefined) return nav.userAgentData.mobile;
  const ua = nav.userAgent ?? '';
  return /Android|iPhone|iPad|Mobile/.test(ua) || (/Macintosh/.test(ua) && (nav.maxTouchPoints ?? 0) > 1);
}

export async function probeGpu(
  nav: GpuNavigator = globalThis.navigator as GpuNavigator,
  isSecureContext: boolean = globalThis.isSecureContext === true,
): Promise<EnvironmentDescription> {
  const gpu = nav?.gpu;
  const mobile = isMobileDevice(nav ?? {});
  if (gpu === undefined || gpu === null) {
    return { isSecureContext, hasNavigatorGpu: false, adapter: null, mobile };
  }

  let adapter: GPUAdapter | null = null;
  try {
    // Same preference web-llm uses, so we judge the adapter it will actually get.
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch {
    // Some browsers throw instead of resolving null when the GPU process is blocklisted/crashed;
    // for the reader both mean "no usable GPU".
    adapter = null;
  }

  return { isSecureContext, hasNavigatorGpu: true, adapter: adapter && describeAdapter(adapter), mobile };
}

function describeAdapter(adapter: GPUAdapter): AdapterDescription {
  const description: AdapterDescription = {
    // Sorted: a GPUSupportedFeatures set lists them in no fixed order.
    features: [...adapter.features].map(String).sort(),
    limits: {
      maxBufferSize: adapter.limits.maxBufferSize,
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxComputeWorkgroupStorageSize: adapter.limits.maxComputeWorkgroupStorageSize,
      maxStorageBuffersPerShaderStage: adapter.limits.maxStorageBuffersPerShaderStage,
    },
  };
  // adapter.info is missing in browsers that only had the deprecated requestAdapterInfo().
  const info = (adapter as { info?: GPUAdapterInfo }).info;
  if (info) {
    description.info = {
      vendor: info.vendor,
      architecture: info.architecture,
      description: info.description,
    };
  }
  return description;
}
