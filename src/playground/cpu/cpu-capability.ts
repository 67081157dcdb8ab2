/**
 * What the CPU path tells a ChatSession in place of the WebGPU probe: it can always run (the
 * WebAssembly build needs no GPU), with the thread mode as the message the reader sees.
 */

import type { CapabilityDecision } from '../gpu/capability';
import type { DeviceProfile } from '../catalogue';
import { cpuThreads, describeThreads } from './threads';

/** Limits that filter nothing out: no GPU buffers are involved. */
const NO_GPU_LIMITS: DeviceProfile = {
  shaderF16: false,
  maxBufferSize: Number.MAX_SAFE_INTEGER,
  maxStorageBufferBindingSize: Number.MAX_SAFE_INTEGER,
};

export function cpuCapability(): { capability: CapabilityDecision; device: DeviceProfile } {
  return {
    capability: { ok: true, shaderF16: false, allowedQuantizations: [], message: describeThreads(cpuThreads()) },
    device: NO_GPU_LIMITS,
  };
}
