import { create } from 'zustand';
import type { Source } from '../../../shared/api/sources';
import { ApiError } from '../../../shared/api/envelope';
import { api } from '../api';
import { messageOf } from './errors';

interface SourcesStore {
  sources: Source[];
  loaded: boolean;
  /** The engine's sentence when sources cannot be listed (e.g. not built yet). */
  error: string | null;
  /** True when the engine answered "unavailable": shown as a calm notice. */
  unavailable: boolean;
}

export const useSources = create<SourcesStore>(() => ({
  sources: [],
  loaded: false,
  error: null,
  unavailable: false,
}));

export async function refreshSources(): Promise<void> {
  try {
    const sources = await api.request('sources.list');
    useSources.setState({ sources, loaded: true, error: null, unavailable: false });
  } catch (err) {
    useSources.setState({
      loaded: true,
      error: messageOf(err),
      unavailable: err instanceof ApiError && err.code === 'unavailable',
    });
  }
}

let started = false;
let timer: ReturnType<typeof setTimeout> | null = null;

export function startSources(): void {
  if (started) return;
  started = true;
  void refreshSources();
  api.on('sources.changed', () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void refreshSources(), 100);
  });
}
