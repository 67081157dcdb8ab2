/**
 * Fetches one tokenizer file with progress. The body is counted as it arrives (after any gzip the
 * server applied is undone), so progress is measured against the file's real size, which the page
 * knows from the build, rather than a Content-Length that may be the compressed size or missing.
 *
 * A download can be cancelled by the reader, gives up when nothing arrives for a while (a
 * connection that hangs would otherwise show "0%" forever), and stops when far more arrives than
 * the file's known size (an endless answer would otherwise fill memory).
 */

/** Why a download failed; the island words each differently. */
export type DownloadFailure = 'http' | 'network' | 'stalled' | 'cancelled' | 'too-large';

export class DownloadError extends Error {
  readonly status: number | null;
  readonly reason: DownloadFailure;
  constructor(message: string, status: number | null, reason: DownloadFailure = status === null ? 'network' : 'http') {
    super(message);
    this.name = 'DownloadError';
    this.status = status;
    this.reason = reason;
  }
}

/** No byte for this long counts as stalled: even a very slow link delivers a chunk sooner. */
export const DOWNLOAD_STALL_MS = 20_000;

export interface DownloadOptions {
  /** Aborting it cancels the download (reason 'cancelled'). */
  signal?: AbortSignal;
  stallMs?: number;
}

/** More than this much beyond the known size is not the file (an endless or wrong answer). */
function byteLimit(expectedBytes: number): number {
  return expectedBytes > 0 ? expectedBytes * 2 + (1 << 20) : Number.POSITIVE_INFINITY;
}

export async function download(
  url: string,
  expectedBytes: number,
  onProgress: (receivedBytes: number) => void,
  fetchImpl: typeof fetch = fetch,
  { signal, stallMs = DOWNLOAD_STALL_MS }: DownloadOptions = {},
): Promise<ArrayBuffer> {
  const controller = new AbortController();
  let failure: DownloadFailure | null = null;
  let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  const stop = (reason: DownloadFailure) => {
    failure ??= reason;
    controller.abort();
    // A body that ignores the abort (it came from a cache or a service worker) is cancelled too.
    reader?.cancel().catch(() => undefined);
  };
  const onCancel = () => stop('cancelled');
  if (signal?.aborted) onCancel();
  signal?.addEventListener('abort', onCancel);
  let stallTimer: ReturnType<typeof setTimeout> | undefined;
  const stillMoving = () => {
    clearTimeout(stallTimer);
    stallTimer = setTimeout(() => stop('stalled'), stallMs);
  };
  const fail = (error: unknown, status: number | null = null): DownloadError => {
    const message = error instanceof Error ? error.message : String(error);
    return failure === null ? new DownloadError(message, status) : new DownloadError(message, null, failure);
  };

  try {
    stillMoving();
    let response: Response;
    // Settles on cancel or stall even if the fetch itself does not listen to the signal.
    const aborted = new Promise<never>((_, reject) => {
      controller.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
    });
    aborted.catch(() => undefined);
    try {
      response = await Promise.race([fetchImpl(url, { signal: controller.signal }), aborted]);
    } catch (error) {
      throw fail(error);
    }
    if (!response.ok) throw new DownloadError(`HTTP ${response.status}`, response.status);
    if (!response.body) {
      const buffer = await response.arrayBuffer();
      onProgress(buffer.byteLength);
      return buffer;
    }
    reader = response.body.getReader();
    const limit = byteLimit(expectedBytes);
    let buffer = new Uint8Array(Math.max(expectedBytes, 1 << 16));
    let received = 0;
    try {
      for (;;) {
        stillMoving();
        const { done, value } = await reader.read();
        if (failure !== null) throw new Error(failure);
        if (done) break;
        if (received + value.length > limit) {
          stop('too-large');
          throw new Error(`more than ${limit} bytes`);
        }
        if (received + value.length > buffer.length) {
          const grown = new Uint8Array(Math.max(buffer.length * 2, received + value.length));
          grown.set(buffer.subarray(0, received));
          buffer = grown;
        }
        buffer.set(value, received);
        received += value.length;
        onProgress(received);
      }
    } catch (error) {
      throw fail(error);
    }
    return received === buffer.length ? buffer.buffer : buffer.buffer.slice(0, received);
  } finally {
    clearTimeout(stallTimer);
    signal?.removeEventListener('abort', onCancel);
  }
}
