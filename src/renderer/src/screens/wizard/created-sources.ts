import { ApiError } from '../../../../shared/api/envelope';
import { api } from '../../api';
import { messageOf } from '../../store/errors';
import { refreshSources, useSources } from '../../store/sources';
import { toast } from '../../store/toasts';

/** "the OTLP receiver "OTLP receiver"": what the cancel question names. */
export function describeCreated(ids: readonly string[]): string {
  const names = useSources
    .getState()
    .sources.filter((s) => ids.includes(s.id))
    .map((s) => `"${s.name}"`);
  if (names.length === 0) return '';
  return names.length === 1 ? `the source ${names[0]}` : `the sources ${names.join(', ')}`;
}

/**
 * Removes sources the wizard created and no saved stream reads: a receiver
 * added and then abandoned must not keep listening on 127.0.0.1:4318. A
 * source already gone is fine; any other refusal is said, not swallowed.
 */
export async function removeCreatedSources(ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  for (const id of ids) {
    try {
      await api.request('sources.delete', { id });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'not-found') continue;
      toast(`A source the wizard added could not be removed: ${messageOf(err)}`, 'error');
    }
  }
  await refreshSources();
}
