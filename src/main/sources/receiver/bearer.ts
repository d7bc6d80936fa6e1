import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Checks `Authorization: Bearer <token>` in constant time: both sides are
 * hashed first, so neither the token's content nor its length leaks through
 * timing.
 */
export class BearerCheck {
  private readonly expected: Buffer;

  constructor(token: string) {
    this.expected = digest(token);
  }

  allows(authorization: string | undefined): boolean {
    const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? '');
    const presented = digest(m?.[1] ?? '');
    return timingSafeEqual(presented, this.expected) && m !== null;
  }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
