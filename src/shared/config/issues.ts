import type { z } from 'zod';
import { formatIssuePath, readableZodIssues } from '../zod-issues';

/**
 * A problem in a configuration file, named by where it is in the file:
 * `streams[2].destination.url`. Messages never quote a value back: a secret
 * pasted into the wrong field must not be echoed to a terminal or a log.
 */
export interface ConfigIssue {
  path: string;
  message: string;
}

export type PathPart = string | number;

/** `streams[2].destination.url`: how a place in the file is named in messages. */
export const formatConfigPath = formatIssuePath;

/** `streams[2].destination.url: must be ...`, or the message alone for the whole file. */
export function describeIssue(issue: ConfigIssue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

/** zod's issues, placed under `prefix` in the file. */
export function zodConfigIssues(prefix: readonly PathPart[], error: z.ZodError): ConfigIssue[] {
  return readableZodIssues(error, prefix);
}

/** In the order of the file: `streams[2]` before `streams[10]`. */
export function sortIssues(issues: ConfigIssue[]): ConfigIssue[] {
  const key = (path: string) =>
    path.replace(/\[(\d+)\]/g, (_, n: string) => `[${n.padStart(9, '0')}]`);
  // Stable: problems at the same place keep the order they were found in.
  return issues.sort((a, b) => {
    const x = key(a.path);
    const y = key(b.path);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
