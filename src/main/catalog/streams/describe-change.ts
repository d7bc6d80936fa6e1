import type { StreamSettings } from '../../../shared/api/streams';
import { toolLabels } from '../../../shared/destinations/schema';

/**
 * The event log's sentences for a stream's configuration: what it was
 * created with, and what an edit changed. Credentials are named, never
 * shown.
 */

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function sourcesOf(settings: StreamSettings, sourceName: (id: string) => string): string | null {
  return settings.sourceIds.length === 0
    ? null
    : list(settings.sourceIds.map((id) => `"${sourceName(id)}"`));
}

function reads(settings: StreamSettings, sourceName: (id: string) => string): string {
  const sources = sourcesOf(settings, sourceName);
  return sources === null ? 'reading no source yet' : `reading ${sources}`;
}

export function describeCreation(
  settings: StreamSettings,
  active: boolean,
  copiedFrom: string | null,
  sourceName: (id: string) => string,
): string {
  const what = `to ${toolLabels[settings.destination.tool]}, ${reads(settings, sourceName)}`;
  if (copiedFrom !== null) {
    return `Stream created as a copy of "${copiedFrom}" (${what}). It starts Inactive: resume it when ready.`;
  }
  return `Stream created (${what})${active ? '' : ', Inactive'}.`;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** "Settings edited: destination (url), sources (now "Sample data") and the API token." */
export function describeEdit(
  before: StreamSettings,
  after: StreamSettings,
  credentialNames: readonly string[],
  sourceName: (id: string) => string,
): string {
  const changes: string[] = [];
  if (before.name !== after.name) changes.push(`name (was "${before.name}")`);
  if (before.destination.tool !== after.destination.tool) {
    changes.push(
      `destination tool (${toolLabels[before.destination.tool]} to ${toolLabels[after.destination.tool]})`,
    );
  } else if (!same(before.destination, after.destination)) {
    const { network: bn, ...b } = before.destination as Record<string, unknown>;
    const { network: an, ...a } = after.destination as Record<string, unknown>;
    const fields = Object.keys({ ...b, ...a }).filter((k) => !same(b[k], a[k]));
    if (fields.length > 0) changes.push(`destination (${list(fields)})`);
    if (!same(bn, an)) changes.push('network settings');
  }
  if (!same(before.sourceIds, after.sourceIds)) {
    changes.push(`sources (now ${sourcesOf(after, sourceName) ?? 'none'})`);
  }
  if (before.stage !== after.stage) changes.push(`stage (now ${after.stage ?? 'none'})`);
  if (!same(before.filter, after.filter)) changes.push('filters');
  if (!same(before.delivery, after.delivery)) changes.push('delivery');
  for (const name of credentialNames)
    changes.push(name === 'token' ? 'the API token' : `the ${name}`);
  return changes.length === 0
    ? 'Settings saved without changes.'
    : `Settings edited: ${list(changes)}.`;
}
