import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';

/**
 * The SHA-256 of a file's first bytes (up to 1 KiB). With the inode it tells
 * whether the file at an offset is still the one we read: a copy-truncate
 * rotation, or a deleted file whose inode number was reused, starts with
 * different bytes; a rotated copy starts with the same ones.
 */
export interface Fingerprint {
  hash: Buffer;
  /** How many leading bytes were hashed (fewer while the file is shorter). */
  length: number;
}

export const fingerprintMaxBytes = 1024;

/** Up to `length` bytes from the start of the file. */
export async function readHead(handle: FileHandle, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await handle.read(buf, got, length - got, got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return buf.subarray(0, got);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest();

/** Whether `head` (a file's first bytes) starts with the fingerprinted bytes. */
export function headMatches(head: Buffer, fp: Fingerprint): boolean {
  return head.length >= fp.length && sha256(head.subarray(0, fp.length)).equals(fp.hash);
}

export function fingerprintOf(head: Buffer): Fingerprint {
  const bytes = head.subarray(0, fingerprintMaxBytes);
  return { hash: sha256(bytes), length: bytes.length };
}

/** The fingerprint of a file of `size` bytes. */
export async function takeFingerprint(handle: FileHandle, size: number): Promise<Fingerprint> {
  return fingerprintOf(await readHead(handle, Math.min(size, fingerprintMaxBytes)));
}

/**
 * Whether the file still starts with the fingerprinted bytes; when it does
 * and has grown, the fingerprint is extended to more of its bytes.
 */
export async function checkFingerprint(
  handle: FileHandle,
  fp: Fingerprint,
  size: number,
): Promise<{ matches: boolean; fingerprint: Fingerprint }> {
  if (size < fp.length) return { matches: false, fingerprint: fp };
  const bytes = await readHead(handle, Math.min(size, fingerprintMaxBytes));
  if (!headMatches(bytes, fp)) return { matches: false, fingerprint: fp };
  const fingerprint = bytes.length > fp.length ? fingerprintOf(bytes) : fp;
  return { matches: true, fingerprint };
}
