/**
 * A ChatEngine that creates the real one on the first call that needs a model.
 *
 * The arena builds its two per-side ChatSessions when it mounts, but a production engine must not
 * exist before the reader presses 加载: that is the moment web-llm and the model files may start
 * downloading. Calls that need no model (stop, unload, resetChat, dispose) never create it.
 */

import type { ChatEngine, ChatRequest, ChatStream, LoadOptions, ModelSourceOptions } from '../engine/chat-engine';

export class LazyEngine implements ChatEngine {
  private engine: ChatEngine | null = null;
  private unloading: Promise<void> | null = null;

  constructor(private readonly create: () => ChatEngine) {}

  /** True once the real engine exists (and may answer cache questions without side effects). */
  get started(): boolean {
    return this.engine !== null;
  }

  get loadedModelId(): string | null {
    return this.engine?.loadedModelId ?? null;
  }

  load(modelId: string, options?: LoadOptions): Promise<void> {
    return this.real().load(modelId, options);
  }

  streamChat(request: ChatRequest): ChatStream {
    return this.real().streamChat(request);
  }

  stop(): void {
    this.engine?.stop();
  }

  async resetChat(): Promise<void> {
    await this.engine?.resetChat();
  }

  /**
   * ChatSession.release() starts an unload without waiting for it, but the arena has to know when
   * the GPU memory is free before it loads the other model; a caller arriving while an unload is
   * under way joins that one instead of queueing a second.
   */
  unload(): Promise<void> {
    if (this.engine === null) return Promise.resolve();
    this.unloading ??= this.engine.unload().finally(() => {
      this.unloading = null;
    });
    return this.unloading;
  }

  isCached(modelId: string, options?: ModelSourceOptions): Promise<boolean> {
    return this.real().isCached(modelId, options);
  }

  deleteCached(modelId: string, options?: ModelSourceOptions): Promise<void> {
    return this.real().deleteCached(modelId, options);
  }

  async dispose(): Promise<void> {
    await this.engine?.dispose();
  }

  private real(): ChatEngine {
    this.engine ??= this.create();
    return this.engine;
  }
}
