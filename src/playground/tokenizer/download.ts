/**
 * Fetches one tokenizer file with progress. The body is counted as it arrives (after any gzip the
 * server applied is undone), so progress is measured against the file's real size, which the page
 * knows from the build, rather than a Content-Length that may be the compressed size or missing.
 */
export class DownloadError extends Error {
  readonly status: number | null;
  constructor(message: string, status: number | null) {
    super(message);
    this.name = 'DownloadError';
    this.status = status;
  }
}

export async function download(
  url: string,
  expectedBytes: number,
  onProgress: (receivedBytes: number) => void,
  fetchImpl: typeof fetch = fetch,
): Promise<ArrayBuffer> {
  let response: Response;
  try {
    response = await fetchImpl(url);
  } catch (error) {
    throw new DownloadError(error instanceof Error ? error.message : String(error), null);
  }
  if (!response.ok) throw new DownloadError(`HTTP ${response.status}`, response.status);
  if (!response.body) {
    const buffer = await response.arrayBuffer();
    onProgress(buffer.byteLength);
    return buffer;
  }
  const reader = response.body.getReader();
  let buffer = new Uint8Array(Math.max(expectedBytes, 1 << 16));
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
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
    throw new DownloadError(error instanceof Error ? error.message : String(error), null);
  }
  return received === buffer.length ? buffer.buffer : buffer.buffer.slice(0, received);
}
