import type { TestStreamResult } from '../../../../shared/api/test-stream';
import { streamStatusLabels } from '../../../../shared/api/engine';
import { parseCommandArgs, UsageError, type CliIo } from '../../command';
import { CommandFailed, dataDirOption, findStream, json, withEngine } from './common';
import { checkHealth } from './check';
import { listEntry, listTable, readStatus, statusDetail, statusTable } from './status';

function oneName(positionals: string[], command: string): string {
  if (positionals.length !== 1) {
    throw new UsageError(
      `${command} takes one stream NAME${positionals.length ? `; got ${positionals.length}` : ''}.`,
    );
  }
  return positionals[0]!;
}

export async function listCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, { ...dataDirOption, json: { type: 'boolean' } });
  return withEngine(values['data-dir'], io, async ({ api }) => {
    const [streams, sources] = await Promise.all([
      api.request('streams.list'),
      api.request('sources.list'),
    ]);
    const rows = streams.map((s) => listEntry(s, sources));
    io.stdout(values.json ? json(rows) : listTable(rows));
    return 0;
  });
}

export async function statusCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { ...dataDirOption, json: { type: 'boolean' }, check: { type: 'boolean' } },
    true,
  );
  if (positionals.length > 1)
    throw new UsageError(`status takes at most one stream NAME; got ${positionals.length}.`);
  return withEngine(values['data-dir'], io, async (access, dataDir) => {
    const name = positionals[0];
    if (values.check) {
      const only = name === undefined ? null : await findStream(access.api, name);
      return checkHealth(access, dataDir, only, values.json ?? false, io);
    }
    if (name !== undefined) {
      const [row] = await readStatus(access, [await findStream(access.api, name)]);
      io.stdout(values.json ? json(row) : statusDetail(row!));
      return 0;
    }
    const rows = await readStatus(access, await access.api.request('streams.list'));
    if (values.json) {
      io.stdout(
        json({ running: access.via === 'instance', pid: access.pid, dataDir, streams: rows }),
      );
    } else {
      io.stdout(
        access.via === 'instance'
          ? `Sluice is running on ${dataDir} (process ${access.pid}).\n`
          : `No Sluice is running on ${dataDir}: nothing is being sent; figures are from the buffer.\n`,
      );
      io.stdout(statusTable(rows));
    }
    return 0;
  });
}

function testReport(name: string, r: TestStreamResult): string {
  const lines = [`Test stream "${name}": ${r.outcome === 'success' ? 'success' : 'FAILED'}`];
  for (const step of r.steps) {
    const took = step.durationMs === null ? 'not run' : `${step.durationMs} ms`;
    lines.push(
      `  ${step.ok ? 'ok    ' : step.durationMs === null ? '-     ' : 'FAILED'} ${step.name.padEnd(8)}${took.padEnd(10)}${step.detail}`,
    );
  }
  lines.push(r.summary);
  if (r.advice) lines.push(`What to check: ${r.advice}`);
  if (r.httpStatus !== null) lines.push(`HTTP status: ${r.httpStatus}`);
  if (r.responseBody) lines.push(`Response: ${r.responseBody}`);
  if (r.findRecordHint) lines.push(`Find the test record: ${r.findRecordHint}`);
  return `${lines.join('\n')}\n`;
}

/** Test stream: exit 0 only when the destination accepted the test record. */
export async function testCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { ...dataDirOption, json: { type: 'boolean' } },
    true,
  );
  const name = oneName(positionals, 'test');
  return withEngine(values['data-dir'], io, async ({ api }) => {
    const stream = await findStream(api, name);
    const result = await api.request('streams.test', { id: stream.id });
    io.stdout(values.json ? json(result) : testReport(stream.name, result));
    return result.outcome === 'success' ? 0 : 1;
  });
}

export function setActiveCommand(active: boolean) {
  return async (args: string[], io: CliIo): Promise<number> => {
    const { values, positionals } = parseCommandArgs(args, dataDirOption, true);
    const name = oneName(positionals, active ? 'resume' : 'pause');
    return withEngine(values['data-dir'], io, async ({ api }) => {
      const stream = await findStream(api, name);
      const was = stream.active;
      const updated = await api.request('streams.setActive', { id: stream.id, active });
      const label = streamStatusLabels[active ? 'active' : 'inactive'];
      io.stdout(
        was === active
          ? `"${updated.name}" was already ${label}.\n`
          : `"${updated.name}" is now ${label}${active ? '' : ': nothing is sent; records keep being buffered'}.\n`,
      );
      return 0;
    });
  };
}

/**
 * Retry now, as in the UI: ends a stopped stream's wait (after a 401, say,
 * once the token is fixed) or a retry delay, and sends at once. Only a
 * running Sluice sends, so without one there is nothing to retry.
 */
export async function retryCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, dataDirOption, true);
  const name = oneName(positionals, 'retry');
  return withEngine(values['data-dir'], io, async (access, dataDir) => {
    const stream = await findStream(access.api, name);
    if (access.via !== 'instance') {
      io.stdout(
        `No Sluice is running on ${dataDir}, so "${stream.name}" is not waiting: it sends as soon as one starts.\n`,
      );
      return 0;
    }
    if (!stream.active) {
      throw new CommandFailed(
        `"${stream.name}" is Inactive (paused), so nothing is waiting to be sent. Resume it instead: sluice streams resume ${JSON.stringify(stream.name)}`,
      );
    }
    const [row] = await readStatus(access, [stream]);
    if (row?.sending !== 'stopped' && row?.sending !== 'retrying') {
      io.stdout(`"${stream.name}" is not waiting to retry; nothing to do.\n`);
      return 0;
    }
    await access.api.request('streams.retryNow', { id: stream.id });
    io.stdout(`"${stream.name}": retrying now (it was ${row.sending}).\n`);
    return 0;
  });
}
