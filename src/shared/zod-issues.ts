import type { z } from 'zod';

/** `streams[2].destination.url`: how a place in a document or request is named in messages. */
export function formatIssuePath(parts: readonly PropertyKey[]): string {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

// zod says "Invalid input: expected string, received undefined" for a missing field.
const missing = /^Invalid input: expected (.+), received undefined$/;

// The start of zod's own wording for the issues rewritten below.
const zodDefault =
  /^(Too small: |Too big: |Invalid discriminator value|Invalid option: |Invalid input: )/;

const choices = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');

/**
 * zod's wording, rewritten where it reads like a type checker rather than
 * advice. Custom messages from our schemas pass through untouched. Values are
 * never quoted back: a secret in the wrong field must not reach a log.
 */
export function readableZodMessage(i: z.core.$ZodIssue): string {
  const m = missing.exec(i.message);
  if (m) return `This field is required (expected ${m[1]}).`;
  if (!zodDefault.test(i.message)) return i.message; // one of our own messages
  // A missing or unknown `tool` / `kind`: say which ones exist.
  if (i.code === 'invalid_union' && 'options' in i && Array.isArray(i.options)) {
    return `Must be one of ${choices(i.options)}.`;
  }
  if (i.code === 'invalid_value' && i.values.length > 1) {
    return `Must be one of ${choices(i.values)}.`;
  }
  if (i.code === 'too_small' && i.origin === 'number') {
    return `Must be ${i.inclusive ? 'at least' : 'more than'} ${String(i.minimum)}.`;
  }
  if (i.code === 'too_big' && i.origin === 'number') {
    return `Must be ${i.inclusive ? 'at most' : 'less than'} ${String(i.maximum)}.`;
  }
  if (
    i.code === 'too_small' &&
    i.minimum === 1 &&
    (i.origin === 'string' || i.origin === 'array')
  ) {
    return 'Must not be empty.';
  }
  if (i.code === 'invalid_type' && i.expected === 'int') return 'Must be a whole number.';
  return i.message;
}

/** zod's issues as `{ path, message }`, placed under `prefix`. */
export function readableZodIssues(
  error: z.ZodError,
  prefix: readonly PropertyKey[] = [],
): { path: string; message: string }[] {
  return error.issues.map((i) => ({
    path: formatIssuePath([...prefix, ...i.path]),
    message: readableZodMessage(i),
  }));
}
