import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { gunzip as gunzipCallback, type InputType, type ZlibOptions } from 'node:zlib';
import { DRAIN_BYTES } from './limits';

const gunzip = promisify<InputType, ZlibOptions, Buffer>(gunzipCallback);

/**
 * Reading a request body under a byte limit, as sent and after gzip. Memory
 * stays bounded whatever the client sends: the raw body is kept only up to
 * the limit (the rest is read and discarded so the client still gets an
 * answer), and gunzip stops as soon as its output passes the limit, so a gzip
 * bomb costs at most the limit.
 */
export type BodyResult =
  | { kind: 'ok'; bytes: Uint8Array; wireBytes: number }
  | {
      kind: 'too-large';
      stage: 'sent' | 'decompressed';
      wireBytes: number;
      /** False when we gave up reading: the connection must close after the answer. */
      drained: boolean;
    }
  | { kind: 'bad-gzip'; message: string; wireBytes: number }
  /** The client went away mid-body: nothing to answer. */
  | { kind: 'aborted' };

export type ContentEncoding = 'gzip' | 'identity';

/** The Content-Encoding values we take; null for anything else. */
export function parseContentEncoding(header: string | undefined): ContentEncoding | null {
  const value = (header ?? '').trim().toLowerCase();
  if (value === '' || value === 'identity') return 'identity';
  if (value === 'gzip' || value === 'x-gzip') return 'gzip';
  return null;
}

/**
 * Reads and throws away what is left of a body, up to `cap` bytes. `ended`
 * is true when the body ended; false when it was longer (or the client went
 * away), and the connection should then close after the answer.
 */
export async function drainBody(
  req: IncomingMessage,
  cap = DRAIN_BYTES,
): Promise<{ ended: boolean; bytes: number }> {
  let bytes = 0;
  if (req.readableEnded) return { ended: true, bytes };
  try {
    for await (const chunk of req) {
      bytes += (chunk as Buffer).length;
      if (bytes > cap) return { ended: false, bytes };
    }
    return { ended: req.complete, bytes };
  } catch {
    return { ended: false, bytes };
  }
}

/** drainBody, when only whether the body ended matters. */
export async function discardBody(req: IncomingMessage, cap = DRAIN_BYTES): Promise<boolean> {
  return (await drainBody(req, cap)).ended;
}

export async function readBody(
  req: IncomingMessage,
  encoding: ContentEncoding,
  maxBytes: number,
): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes + DRAIN_BYTES) {
    // Not worth reading at all: answer at once and close.
    return { kind: 'too-large', stage: 'sent', wireBytes: declared, drained: false };
  }
  const chunks: Buffer[] = [];
  let wireBytes = 0;
  try {
    for await (const chunk of req) {
      const c = chunk as Buffer;
      wireBytes += c.length;
      if (wireBytes <= maxBytes) chunks.push(c);
      else if (wireBytes > maxBytes + DRAIN_BYTES) {
        return { kind: 'too-large', stage: 'sent', wireBytes, drained: false };
      }
    }
  } catch {
    return { kind: 'aborted' };
  }
  if (!req.complete) return { kind: 'aborted' };
  if (wireBytes > maxBytes) return { kind: 'too-large', stage: 'sent', wireBytes, drained: true };
  const raw = Buffer.concat(chunks, wireBytes);
  if (encoding === 'identity') return { kind: 'ok', bytes: new Uint8Array(raw), wireBytes };
  try {
    // maxOutputLength makes zlib stop (and fail) once the output passes it.
    const out = await gunzip(raw, { maxOutputLength: maxBytes });
    return { kind: 'ok', bytes: new Uint8Array(out.buffer, out.byteOffset, out.length), wireBytes };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      return { kind: 'too-large', stage: 'decompressed', wireBytes, drained: true };
    }
    return {
      kind: 'bad-gzip',
      message: `the body is not valid gzip (Content-Encoding: gzip): ${(err as Error).message}`,
      wireBytes,
    };
  }
}
