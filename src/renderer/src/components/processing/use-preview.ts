import { useEffect, useState } from 'react';
import type { PreviewRecordsInput, ProcessingPreview } from '../../../../shared/api/processing';
import type { ProcessingRule } from '../../../../shared/processing';
import { api } from '../../api';
import { messageOf } from '../../store/errors';

export interface PreviewState {
  busy: boolean;
  result: ProcessingPreview | null;
  error: string | null;
}

/**
 * The engine's `processing.preview`, asked again (after a short pause) each
 * time the rules or the records change. It runs in the engine: the keyed
 * hash's key never comes to the window.
 */
export function usePreview(
  input: {
    streamId: string | null;
    rules: readonly ProcessingRule[] | null;
    records: PreviewRecordsInput;
  } | null,
  delayMs = 250,
): PreviewState {
  const [state, setState] = useState<PreviewState>({ busy: false, result: null, error: null });
  const key = JSON.stringify(input);
  useEffect(() => {
    if (input === null) {
      setState({ busy: false, result: null, error: null });
      return;
    }
    let cancelled = false;
    setState((s) => ({ ...s, busy: true }));
    const timer = setTimeout(() => {
      api
        .request('processing.preview', {
          streamId: input.streamId,
          rules: input.rules ? [...input.rules] : null,
          records: input.records,
        })
        .then(
          (result) => !cancelled && setState({ busy: false, result, error: null }),
          (err: unknown) =>
            !cancelled && setState({ busy: false, result: null, error: messageOf(err) }),
        );
    }, delayMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // `key` stands for `input`: a new object with the same content asks nothing new.
  }, [key, delayMs]);
  return state;
}
