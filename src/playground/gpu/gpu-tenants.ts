/**
 * The demos on one page that can hold models in GPU memory: the chat islands and the arenas.
 * Nothing knows how much VRAM a device has, so no plan could add up two demos' models; instead a
 * demo about to load asks every other demo on the page to unload first. Each keeps what is on its
 * screen and says why its model is gone.
 */
export interface GpuTenant {
  /** Stops what is running and unloads every model it holds. */
  release(): void;
}

export interface GpuTenancy {
  /** Call before loading: every other tenant on the page releases its models. */
  claim(): void;
  /** Call when the demo is removed. */
  leave(): void;
}

const tenants = new Set<GpuTenant>();

export function joinGpuTenants(tenant: GpuTenant): GpuTenancy {
  tenants.add(tenant);
  return {
    claim() {
      for (const other of tenants) if (other !== tenant) other.release();
    },
    leave() {
      tenants.delete(tenant);
    },
  };
}
