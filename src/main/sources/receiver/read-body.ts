import type { IncomingMessage } from 'node:http';
import { createGunzip } from 'node:zlib';

export type BodyResult =
  | { kind: 'ok'; body: Buffer }
  /** Over the limit: the body as sent, or what it decompresses to (a gzip bomb). */
  | { kind: 'too-large'; what: 'body' | 'decompressed body' }
  | { kind: 'bad-gzip'; reason: string }
  /** The client went away: there is no one to answer. */
  | { kind: 'aborted' };

/**
 * Reads a request body, never holding more than `maxBytes` of it: a declared
 * Content-Length over the limit is refused before reading; a body that grows
 * past it, or decompresses past it, is refused as soon as it does, so a small
 * gzip bomb costs at most `maxBytes` of memory and the time to inflate that.
 * What was not read is discarded.
 */
export function readBody(
  req: IncomingMessage,
  options: { maxBytes: number; gzip: boolean },
): Promise<BodyResult> {
  const max = options.maxBytes;
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > max) {
      req.resume();
      resolve({ kind: 'too-large', what: 'body' });
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let kept = 0;
    let done = false;
    const gunzip = options.gzip ? createGunzip() : null;

    const finish = (result: BodyResult): void => {
      if (done) return;
      done = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      if (gunzip) {
        gunzip.removeAllListeners('data');
        gunzip.destroy();
      }
      if (result.kind !== 'ok') chunks.length = 0;
      req.resume(); // discard whatever is still coming
      resolve(result);
    };
    const keep = (chunk: Buffer): void => {
      kept += chunk.length;
      if (kept > max) finish({ kind: 'too-large', what: gunzip ? 'decompressed body' : 'body' });
      else chunks.push(chunk);
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > max) finish({ kind: 'too-large', what: 'body' });
      else if (gunzip) gunzip.write(chunk);
      else keep(chunk);
    };
    const onEnd = (): void => {
      if (gunzip) gunzip.end();
      else finish({ kind: 'ok', body: Buffer.concat(chunks, kept) });
    };
    const onClose = (): void => {
      if (!req.complete) finish({ kind: 'aborted' });
    };

    if (gunzip) {
      gunzip.on('data', (chunk: Buffer) => {
        if (!done) keep(chunk);
      });
      gunzip.on('end', () => finish({ kind: 'ok', body: Buffer.concat(chunks, kept) }));
      gunzip.on('error', (err) => finish({ kind: 'bad-gzip', reason: err.message }));
    }
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('close', onClose);
  });
}
