/**
 * The ChatStream a consumer iterates, fed by an engine as chunks arrive.
 *
 * Push on one side (engine: raw deltas, finish, fail), pull on the other (UI: for await). It
 * exists so both engines (worker and fake) give the UI identical semantics:
 * - deltas pass through Utf8SafeAssembler, so the UI never sees half a character;
 * - exactly one 'done' event, or one rejected next() with an EngineError;
 * - return() (a `break` in for-await) tells the engine to stop generating, and ends the stream
 *   at once even if a next() is waiting.
 */

import type { ChatResult, ChatStream, ChatStreamEvent } from './chat-engine';
import type { EngineError } from './errors';
import { Utf8SafeAssembler } from '../answer/text-stream';

type Settled = { kind: 'event'; event: ChatStreamEvent } | { kind: 'error'; error: EngineError };

interface Waiter {
  resolve: (result: IteratorResult<ChatStreamEvent, undefined>) => void;
  reject: (error: EngineError) => void;
}

const END: IteratorResult<ChatStreamEvent, undefined> = { done: true, value: undefined };

export class AnswerStream implements ChatStream {
  private readonly assembler = new Utf8SafeAssembler();
  private readonly queue: Settled[] = [];
  private waiter: Waiter | null = null;
  /** No more input will be accepted (finished, failed or cancelled). */
  private closed = false;
  /** The consumer has seen the end (or left). */
  private drained = false;

  /** @param onCancel called once when the consumer leaves before the end. */
  constructor(private readonly onCancel: () => void) {}

  /** True once finish(), fail() or return() has run. */
  get isClosed(): boolean {
    return this.closed;
  }

  // ---- producer side (engines) ----

  pushRaw(delta: string): void {
    if (this.closed) return;
    const safe = this.assembler.push(delta);
    if (safe !== '') this.deliver({ kind: 'event', event: { type: 'delta', text: safe } });
  }

  finish(result: Omit<ChatResult, 'text'>): void {
    if (this.closed) return;
    const tail = this.assembler.finish();
    if (tail !== '') this.deliver({ kind: 'event', event: { type: 'delta', text: tail } });
    this.closed = true;
    this.deliver({ kind: 'event', event: { type: 'done', result: { ...result, text: this.assembler.text } } });
  }

  fail(error: EngineError): void {
    if (this.closed) return;
    this.closed = true;
    this.deliver({ kind: 'error', error });
  }

  // ---- consumer side (UI) ----

  next(): Promise<IteratorResult<ChatStreamEvent, undefined>> {
    const settled = this.queue.shift();
    if (settled !== undefined) {
      try {
        return Promise.resolve(this.consume(settled));
      } catch (error) {
        return Promise.reject(error as EngineError);
      }
    }
    if (this.drained || this.closed) {
      this.drained = true;
      return Promise.resolve(END);
    }
    if (this.waiter !== null) {
      return Promise.reject(new Error('AnswerStream: next() called while another next() is pending'));
    }
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }

  return(): Promise<IteratorResult<ChatStreamEvent, undefined>> {
    const stillRunning = !this.closed;
    this.closed = true;
    this.drained = true;
    this.queue.length = 0;
    if (this.waiter !== null) {
      this.waiter.resolve(END);
      this.waiter = null;
    }
    if (stillRunning) this.onCancel();
    return Promise.resolve(END);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private deliver(settled: Settled): void {
    if (this.drained) return;
    const waiter = this.waiter;
    if (waiter === null) {
      this.queue.push(settled);
      return;
    }
    this.waiter = null;
    if (settled.kind === 'error') {
      this.drained = true;
      waiter.reject(settled.error);
    } else {
      waiter.resolve(this.consume(settled));
    }
  }

  private consume(settled: Settled): IteratorResult<ChatStreamEvent, undefined> {
    if (settled.kind === 'error') {
      this.drained = true;
      throw settled.error;
    }
    if (settled.event.type === 'done') this.drained = true;
    return { done: false, value: settled.event };
  }
}
