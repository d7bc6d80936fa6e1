import { create } from 'zustand';
import type { SampledRecord, TailResult } from '../../../../shared/api/inspector';
import type { DataModel, Processing, RulesProfileId } from '../../../../shared/dynatrace';
import { api } from '../../api';
import { messageOf } from '../../store/errors';
import { parseOffline, type OfflineRequest } from './model';

/** Rows kept in the live tail; older ones fall off the top. */
export const maxLiveRows = 100_000;
const tailPageSize = 5_000;

export interface ViewOptions {
  model: DataModel;
  processing: Processing;
  profile: RulesProfileId;
  /** Offline: compare timestamps with now, or pretend the record is sent at its own time. */
  ingest: 'now' | 'record-time';
  /** Cut content and exception.stacktrace to 4,000 characters as OutSystems does. */
  outsystems: boolean;
}

interface InspectorStore {
  mode: 'live' | 'offline';
  streamId: string | null;
  paused: boolean;
  live: SampledRecord[];
  lastId: number;
  liveModel: TailResult['model'];
  authOrigin: string | null;
  liveError: string | null;
  offlineText: string;
  offlineLabel: string | null;
  offline: OfflineRequest | null;
  offlineError: string | null;
  /** Offline: what Dynatrace would record as dt.auth.origin (the token's public part). */
  offlineAuthOrigin: string;
  /** Index into the current list (live or offline). */
  selected: number | null;
  options: ViewOptions;
}

export const useInspector = create<InspectorStore>(() => ({
  mode: 'live',
  streamId: null,
  paused: false,
  live: [],
  lastId: 0,
  liveModel: null,
  authOrigin: null,
  liveError: null,
  offlineText: '',
  offlineLabel: null,
  offline: null,
  offlineError: null,
  offlineAuthOrigin: '',
  selected: null,
  options: {
    model: 'flattened',
    processing: 'openpipeline',
    profile: 'current-docs',
    ingest: 'now',
    outsystems: false,
  },
}));

function modelFor(m: TailResult['model']): DataModel | null {
  return m === 'raw' || m === 'flattened' ? m : null;
}

export function chooseStream(streamId: string | null): void {
  const s = useInspector.getState();
  if (s.streamId === streamId) return;
  useInspector.setState({
    streamId,
    live: [],
    lastId: 0,
    liveModel: null,
    authOrigin: null,
    liveError: null,
    selected: s.mode === 'live' ? null : s.selected,
  });
}

export function setMode(mode: 'live' | 'offline'): void {
  if (useInspector.getState().mode !== mode) useInspector.setState({ mode, selected: null });
}

export function setOptions(patch: Partial<ViewOptions>): void {
  useInspector.setState((s) => ({ options: { ...s.options, ...patch } }));
}

/** One poll of the live tail; returns true when more records are waiting. */
export async function pollTail(): Promise<boolean> {
  const s = useInspector.getState();
  if (!s.streamId || s.paused) return false;
  const streamId = s.streamId;
  try {
    const result = await api.request('inspector.tail', {
      streamId,
      afterId: s.lastId,
      limit: tailPageSize,
    });
    const now = useInspector.getState();
    if (now.streamId !== streamId) return false;
    let live = now.live;
    let selected = now.selected;
    if (result.records.length > 0) {
      live = live.concat(result.records);
      const excess = live.length - maxLiveRows;
      if (excess > 0) {
        live = live.slice(excess);
        if (selected !== null && now.mode === 'live')
          selected = selected >= excess ? selected - excess : null;
      }
    }
    const first = now.liveModel === null && result.model !== null;
    const model = modelFor(result.model);
    useInspector.setState({
      live,
      selected,
      lastId: result.lastId,
      liveModel: result.model,
      authOrigin: result.authOrigin,
      liveError: null,
      ...(first && model ? { options: { ...now.options, model } } : {}),
    });
    return result.records.length === tailPageSize;
  } catch (err) {
    useInspector.setState({ liveError: messageOf(err) });
    return false;
  }
}

export function loadOffline(bytes: Uint8Array, label: string, text?: string): void {
  try {
    const offline = parseOffline(bytes);
    useInspector.setState({
      mode: 'offline',
      offline,
      offlineLabel: label,
      offlineError: null,
      offlineText: text ?? useInspector.getState().offlineText,
      selected: offline.records.length > 0 ? 0 : null,
    });
  } catch (err) {
    useInspector.setState({
      mode: 'offline',
      offline: null,
      offlineLabel: label,
      offlineError: err instanceof Error ? err.message : String(err),
      selected: null,
    });
  }
}

/** From elsewhere in the app (a dead letter): open this OTLP/JSON in the offline inspector. */
export function openInOffline(json: string, label: string): void {
  useInspector.setState({ offlineText: json });
  loadOffline(new TextEncoder().encode(json), label, json);
}
