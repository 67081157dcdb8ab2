/**
 * What web-llm 0.2.86 asks of a WebGPU adapter before it will run any model
 * (detectGPUDevice() in node_modules/@mlc-ai/web-llm/lib/index.js). Kept here so the capability
 * check and the build picker refuse a device *before* anything is downloaded, instead of letting
 * web-llm fail after fetching the config and model library.
 */

const MiB = 1024 * 1024;

/**
 * web-llm requests 1 GiB for both buffer limits and silently falls back to the smaller value when
 * the adapter offers less; below the fallback it throws "Cannot initialize runtime because of
 * requested maxBufferSize exceeds limit".
 */
export const PREFERRED_BUFFER_BYTES = 1024 * MiB;
export const MIN_MAX_BUFFER_SIZE = 256 * MiB;
export const MIN_MAX_STORAGE_BUFFER_BINDING_SIZE = 128 * MiB;

/** Also hard requirements in detectGPUDevice(); every desktop adapter meets them. */
export const MIN_MAX_COMPUTE_WORKGROUP_STORAGE_SIZE = 32 * 1024;
export const MIN_MAX_STORAGE_BUFFERS_PER_SHADER_STAGE = 10;

export interface AdapterLimits {
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
  /** Optional because not every caller (e.g. a hand-written device description) knows them. */
  maxComputeWorkgroupStorageSize?: number;
  maxStorageBuffersPerShaderStage?: number;
}

/** True when web-llm would refuse this adapter outright. */
export function limitsBelowWebLlmMinimum(limits: AdapterLimits): boolean {
  return (
    limits.maxBufferSize < MIN_MAX_BUFFER_SIZE ||
    limits.maxStorageBufferBindingSize < MIN_MAX_STORAGE_BUFFER_BINDING_SIZE ||
    (limits.maxComputeWorkgroupStorageSize !== undefined &&
      limits.maxComputeWorkgroupStorageSize < MIN_MAX_COMPUTE_WORKGROUP_STORAGE_SIZE) ||
    (limits.maxStorageBuffersPerShaderStage !== undefined &&
      limits.maxStorageBuffersPerShaderStage < MIN_MAX_STORAGE_BUFFERS_PER_SHADER_STAGE)
  );
}

/**
 * Below the preferred 1 GiB web-llm runs with smaller buffers, which (per its own warning in
 * getMaxStorageBufferBindingSize) only suits builds marked low_resource_required — typically
 * phones.
 */
export function isLowResourceDevice(limits: AdapterLimits): boolean {
  return (
    limits.maxBufferSize < PREFERRED_BUFFER_BYTES ||
    limits.maxStorageBufferBindingSize < PREFERRED_BUFFER_BYTES
  );
}
