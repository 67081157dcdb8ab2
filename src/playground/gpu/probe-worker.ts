/// <reference lib="webworker" />
/**
 * Reads the WebGPU situation off the page's main thread. The first requestAdapter() of a page
 * connects to the GPU process synchronously: 15–40 ms of the thread that calls it, on a page
 * whose island mounts as it loads. Here that time is this worker's. It answers once, unasked.
 */
import { probeGpu, type GpuNavigator } from './probe-gpu';

const scope = self as unknown as DedicatedWorkerGlobalScope;

void probeGpu(scope.navigator as GpuNavigator, scope.isSecureContext).then((environment) => scope.postMessage(environment));
