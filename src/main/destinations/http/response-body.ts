import { brotliDecompressSync, constants, gunzipSync, inflateSync } from 'node:zlib';
import { WireReader } from '../../../shared/otlp/protobuf/reader';

/**
 * Response bodies are read only up to a cap: a misbehaving server (or a
 * captive portal page) must not make us buffer megabytes, and people need the
 * first few kilobytes to see what went wrong.
 */
export const maxResponseBytes = 256 * 1024;
export const maxExcerptChars = 4 * 1024;

export interface CappedBody {
  bytes: Uint8Array;
  truncated: boolean;
}

export async function readCapped(
  body: AsyncIterable<Uint8Array> & { destroy?: (err?: Error) => void },
  maxBytes = maxResponseBytes,
): Promise<CappedBody> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    const room = maxBytes - size;
    if (chunk.length > room) {
      chunks.push(chunk.subarray(0, room));
      size += room;
      // Stop reading; the connection is closed rather than drained.
      body.destroy?.();
      return { bytes: Buffer.concat(chunks, size), truncated: true };
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return { bytes: Buffer.concat(chunks, size), truncated: false };
}

/** Undoes Content-Encoding; a body cut short still yields what was decodable. */
export function decodeContentEncoding(bytes: Uint8Array, encoding: string | undefined): Uint8Array {
  const e = (encoding ?? '').trim().toLowerCase();
  const lenient = { finishFlush: constants.Z_SYNC_FLUSH };
  try {
    if (e === 'gzip' || e === 'x-gzip') return gunzipSync(bytes, lenient);
    if (e === 'deflate') return inflateSync(bytes, lenient);
    if (e === 'br') return brotliDecompressSync(bytes);
  } catch {
    // Not what it claimed to be: show the bytes as they came.
  }
  return bytes;
}

/** google.rpc.Status {code = 1; message = 2}: what OTLP/HTTP servers send on errors in protobuf. */
export function decodeRpcStatusMessage(bytes: Uint8Array): string | null {
  try {
    const r = new WireReader(bytes);
    let message: string | null = null;
    while (!r.atEnd()) {
      const tag = r.tag();
      if (tag === (2 << 3) + 2) message = r.string();
      else r.skip(tag);
    }
    return message;
  } catch {
    return null;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

function looksBinary(text: string): boolean {
  // Replacement characters, or control characters other than tab, CR and LF.
  for (const ch of text.slice(0, 512)) {
    const c = ch.charCodeAt(0);
    if (c === 0xfffd || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d)) return true;
  }
  return false;
}

/**
 * The response body as text for a person: cut to a few kilobytes, protobuf
 * Status messages decoded, other binary bodies summarised. Null when empty.
 */
export function bodyExcerpt(
  body: CappedBody,
  contentType: string | undefined,
  maxChars = maxExcerptChars,
): string | null {
  if (body.bytes.length === 0) return null;
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('protobuf')) {
    const message = decodeRpcStatusMessage(body.bytes);
    if (message !== null) return cut(message, maxChars, false);
    return `(${body.bytes.length} bytes of protobuf)`;
  }
  const text = utf8.decode(body.bytes);
  if (looksBinary(text))
    return `(${body.bytes.length}${body.truncated ? '+' : ''} bytes of binary data)`;
  return cut(text.trim(), maxChars, body.truncated);
}

function cut(text: string, maxChars: number, alreadyTruncated: boolean): string {
  if (text.length <= maxChars && !alreadyTruncated) return text;
  return `${text.slice(0, maxChars)}… (cut)`;
}
