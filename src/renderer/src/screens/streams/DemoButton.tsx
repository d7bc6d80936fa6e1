import { useState } from 'react';
import { api } from '../../api';
import { Button } from '../../components/ui/Button';
import { Notice } from '../../components/ui/Notice';
import { messageOf } from '../../store/errors';
import { openStream } from '../../store/navigation';
import { refreshStreams } from '../../store/streams';
import { toast } from '../../store/toasts';

/** Starts the demo stream (sample data into a local Dynatrace-compatible endpoint) and opens it. */
export function DemoButton(props: { variant?: 'primary' | 'secondary' }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const start = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const result = await api.request('demo.start');
      await refreshStreams();
      toast(`The demo stream is sending sample data to ${result.endpointUrl}.`);
      openStream(result.streamId);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        variant={props.variant ?? 'secondary'}
        busy={busy}
        needsEngine
        onClick={() => void start()}
      >
        Start the demo stream
      </Button>
      {error ? (
        <div className="empty__notice">
          <Notice kind="info" title="The demo stream could not start" testId="demo-error">
            {error}
          </Notice>
        </div>
      ) : null}
    </>
  );
}
