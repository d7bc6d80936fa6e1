import { create } from 'zustand';
import type { Stream } from '../../../shared/api/streams';
import { api } from '../api';
import { messageOf } from './errors';

interface StreamsStore {
  streams: Stream[];
  loaded: boolean;
  error: string | null;
}

export const useStreams = create<StreamsStore>(() => ({ streams: [], loaded: false, error: null }));

export async function refreshStreams(): Promise<void> {
  try {
    const streams = await api.request('streams.list');
    useStreams.setState({ streams, loaded: true, error: null });
  } catch (err) {
    useStreams.setState({ error: messageOf(err), loaded: true });
  }
}

let started = false;
let timer: ReturnType<typeof setTimeout> | null = null;

/** "streams.changed" says something changed; refetch, debounced. */
export function startStreams(): void {
  if (started) return;
  started = true;
  void refreshStreams();
  api.on('streams.changed', () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void refreshStreams(), 100);
  });
}
