import { expect } from 'vitest';
import { appInternals } from '../../support/app-internals';
import type { App } from '../../../src/main/app/app';
import { FileSource } from '../../../src/main/sources/file/file-source';
import { eventually } from '../../support/eventually';

/**
 * Positive signals for "nothing (more) happened" in the file-tail tests
 * (docs/testing.md): a file source polls every 20 ms here, so a fixed sleep
 * is a guess at how many polls a busy machine manages. These wait for the
 * polls themselves.
 */

/** Polls each running file source has finished, counted from when it was first watched. */
const finishedPolls = new WeakMap<FileSource, number>();

/** The file sources the engine runs now. */
function runningFileSources(engine: App): FileSource[] {
  // The SourceManager offers no handle on a running source (its runtime is a
  // snapshot); reach in, as tests reach into the engine elsewhere.
  const manager = appInternals(engine).sourceManager as unknown as {
    entries: Map<string, { running: unknown }>;
  };
  return [...manager.entries.values()]
    .map((e) => e.running)
    .filter((r): r is FileSource => r instanceof FileSource);
}

/** Counts the source's finished polls from now on (wrapping its pollOnce once); the count so far. */
function watchPolls(source: FileSource): number {
  if (!finishedPolls.has(source)) {
    finishedPolls.set(source, 0);
    const pollOnce = source.pollOnce.bind(source);
    source.pollOnce = async () => {
      try {
        return await pollOnce();
      } finally {
        finishedPolls.set(source, (finishedPolls.get(source) ?? 0) + 1);
      }
    };
  }
  return finishedPolls.get(source)!;
}

/**
 * Resolves once every file source of the engine has finished `polls` more
 * polls. The first may have begun before the call; with the default of two,
 * at least one whole poll (look for files, read each) began after it: the
 * sources have seen the files as they are now.
 */
export async function afterFilePolls(engine: App, polls = 2): Promise<void> {
  const targets = new Map<FileSource, number>();
  await eventually(
    () => {
      const sources = runningFileSources(engine);
      expect(sources.length, 'file sources running').toBeGreaterThan(0);
      for (const source of sources) {
        if (!targets.has(source)) targets.set(source, watchPolls(source) + polls);
        expect(finishedPolls.get(source)).toBeGreaterThanOrEqual(targets.get(source)!);
      }
    },
    { message: `every file source finishes ${polls} more polls` },
  );
}

/**
 * `afterFilePolls`, then every active stream has sent all it holds (an empty
 * backlog): whatever those polls stored has reached the fake destination.
 */
export async function afterFilePollsDelivered(engine: App, polls = 2): Promise<void> {
  await afterFilePolls(engine, polls);
  await eventually(
    () => {
      for (const r of appInternals(engine).pipeline.runtimes()) {
        if (r.sending !== 'paused') expect(r.backlogRecords, `backlog of ${r.id}`).toBe(0);
      }
    },
    { message: 'every active stream sends what the sources stored' },
  );
}
