import type { Stream } from '../../../../shared/api/streams';
import { api } from '../../api';
import { confirmAction } from '../../components/ui/confirm';
import { messageOf } from '../../store/errors';
import { navigate } from '../../store/navigation';
import { refreshStreams } from '../../store/streams';
import { toast } from '../../store/toasts';
import { plural } from '../../lib/format';

/** The stream actions shared by the overview and the detail view; each reports in a toast. */

export async function setActive(stream: Stream, active: boolean): Promise<void> {
  try {
    await api.request('streams.setActive', { id: stream.id, active });
    await refreshStreams();
    toast(
      active ? `${stream.name} resumed.` : `${stream.name} paused. Records keep being buffered.`,
    );
  } catch (err) {
    toast(messageOf(err), 'error');
  }
}

export async function retryNow(stream: Stream): Promise<void> {
  try {
    await api.request('streams.retryNow', { id: stream.id });
    toast(`${stream.name}: trying again now.`, 'info');
  } catch (err) {
    toast(messageOf(err), 'error');
  }
}

export async function duplicateStream(stream: Stream): Promise<void> {
  try {
    const copy = await api.request('streams.duplicate', { id: stream.id });
    await refreshStreams();
    toast(`Created ${copy.name}. It starts Inactive: resume it when ready.`);
    navigate('streams', { streamId: copy.id });
  } catch (err) {
    toast(messageOf(err), 'error');
  }
}

/** Asks first, saying what goes with the stream; returns true when it was deleted. */
export async function deleteStream(
  stream: Stream,
  backlogRecords: number | null,
): Promise<boolean> {
  const lost =
    backlogRecords && backlogRecords > 0
      ? `Up to ${plural(backlogRecords, 'buffered record')} not yet delivered by this stream will be discarded (records other streams still need are kept).`
      : 'It has no undelivered records.';
  const ok = await confirmAction({
    title: `Delete ${stream.name}?`,
    message: `${lost} Its event log, dead letters, metrics history and stored credentials are removed too. This cannot be undone.`,
    confirmLabel: 'Delete stream',
    danger: true,
  });
  if (!ok) return false;
  try {
    const result = await api.request('streams.delete', { id: stream.id });
    await refreshStreams();
    toast(
      result.discardedRecords > 0
        ? `${stream.name} deleted; ${plural(result.discardedRecords, 'buffered record')} discarded.`
        : `${stream.name} deleted.`,
    );
    return true;
  } catch (err) {
    toast(messageOf(err), 'error');
    return false;
  }
}
