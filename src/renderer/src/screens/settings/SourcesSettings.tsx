import { useState } from 'react';
import type { Source } from '../../../../shared/api/sources';
import { sourceKindLabels, sourceInputSchema } from '../../../../shared/api/sources';
import { api } from '../../api';
import { Button } from '../../components/ui/Button';
import { SelectField, TextField } from '../../components/ui/Field';
import { Notice } from '../../components/ui/Notice';
import { messageOf } from '../../store/errors';
import { refreshSources, useSources } from '../../store/sources';
import { toast } from '../../store/toasts';
import { SourceStatus } from '../../components/SourceStatus';

const policyOptions = [
  {
    value: 'block',
    label: 'Hold back the source',
    help: 'Nothing is lost: the receiver answers 503 with Retry-After, file tails wait.',
  },
  {
    value: 'drop-oldest',
    label: 'Drop the oldest records',
    help: 'New records keep flowing; the oldest undelivered ones are dropped and counted.',
  },
];

/** A source's full-buffer policy and, for a receiver, its address. */
function SourceRow({ source }: { source: Source }) {
  const [policy, setPolicy] = useState(source.fullPolicy);
  const receiver = source.settings.kind === 'otlp-receiver' ? source.settings : null;
  const [host, setHost] = useState(receiver?.host ?? '');
  const [port, setPort] = useState(receiver ? String(receiver.port) : '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const changed =
    policy !== source.fullPolicy ||
    (receiver !== null && (host !== receiver.host || port !== String(receiver.port)));

  const save = async (): Promise<void> => {
    const settings = receiver
      ? { ...receiver, host: host.trim(), port: Number(port) }
      : source.settings;
    const parsed = sourceInputSchema.safeParse({ name: source.name, settings, fullPolicy: policy });
    if (!parsed.success) {
      setError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join(' '));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.request('sources.update', { id: source.id, source: parsed.data });
      await refreshSources();
      toast(`${source.name} saved.`);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset className="group source-settings" data-testid="source-settings">
      <legend className="group__legend">
        {source.name}{' '}
        <span className="muted small">· {sourceKindLabels[source.settings.kind]}</span>
      </legend>
      <p className="group__status">
        <SourceStatus sourceId={source.id} />
      </p>
      <SelectField
        label="When the buffer is full"
        value={policy}
        options={policyOptions}
        onChange={(v) => setPolicy(v as Source['fullPolicy'])}
      />
      {receiver ? (
        <div className="field-row">
          <TextField
            label="Receiver address"
            required
            value={host}
            onChange={setHost}
            help="127.0.0.1 accepts only this machine; 0.0.0.0 accepts the network."
          />
          <TextField
            label="Port"
            required
            type="number"
            value={port}
            onChange={setPort}
            help="4318 is OTLP/HTTP's usual port."
          />
        </div>
      ) : null}
      {receiver ? (
        <p className="muted small">
          Point OpenTelemetry SDKs and Collectors at{' '}
          <code>
            http://{receiver.host}:{receiver.port}/v1/logs
          </code>
          .
        </p>
      ) : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      <Button size="small" disabled={!changed} busy={busy} onClick={() => void save()} needsEngine>
        Save {source.name}
      </Button>
    </fieldset>
  );
}

export function SourcesSettings() {
  const { sources, loaded, error, unavailable } = useSources();
  if (!loaded) return <p className="muted">Loading sources…</p>;
  if (error) {
    return (
      <Notice kind={unavailable ? 'info' : 'error'} title="Sources are not available">
        {error}
      </Notice>
    );
  }
  if (sources.length === 0) {
    return (
      <p className="muted">No sources yet. Add them in the stream wizard&apos;s source step.</p>
    );
  }
  return (
    <>
      {sources.map((s) => (
        <SourceRow key={`${s.id}-${s.updatedAt}`} source={s} />
      ))}
    </>
  );
}
