import { useState } from 'react';
import type { Source } from '../../../../shared/api/sources';
import {
  defaultReceiverPorts,
  isReceiverSettings,
  sourceKindLabels,
  sourceInputSchema,
  type ReceiverSettings,
} from '../../../../shared/api/sources';
import { api } from '../../api';
import { Button } from '../../components/ui/Button';
import { SelectField, TextField } from '../../components/ui/Field';
import { Notice } from '../../components/ui/Notice';
import { messageOf } from '../../store/errors';
import { refreshSources, useSources } from '../../store/sources';
import { useStreams } from '../../store/streams';
import { confirmAction } from '../../components/ui/confirm';
import { toast } from '../../store/toasts';
import { SourceStatus } from '../../components/SourceStatus';

const policyOptions = [
  {
    value: 'block',
    label: 'Hold back the source',
    help: 'Nothing is lost: receivers ask clients to retry later (HTTP 503, gRPC UNAVAILABLE), file tails wait.',
  },
  {
    value: 'drop-oldest',
    label: 'Drop the oldest records',
    help: 'New records keep flowing; the oldest undelivered ones are dropped and counted.',
  },
];

/** Where a receiver's clients send, as they are configured. */
function clientAddress(r: ReceiverSettings): string {
  const host = r.host.includes(':') ? `[${r.host}]` : r.host;
  return r.kind === 'otlp-grpc-receiver'
    ? `${host}:${r.port} (OTLP/gRPC)`
    : `http://${host}:${r.port}/v1/logs`;
}

/** "Orders" and "Payments": the streams that read a source. */
function readersText(names: readonly string[]): string {
  const quoted = names.map((n) => `"${n}"`);
  return quoted.length <= 1
    ? quoted.join('')
    : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}

/**
 * Removes a source nobody reads, after asking. One that streams read is
 * refused, naming them: removing it would silently starve them.
 */
function RemoveSource({ source }: { source: Source }) {
  // Select the list itself: a filtered copy would be a new value at every read (an update loop).
  const streams = useStreams((s) => s.streams);
  const names = streams.filter((x) => x.sourceIds.includes(source.id)).map((r) => r.name);
  const blocked =
    names.length > 0
      ? `Read by ${readersText(names)}: remove it from ${names.length === 1 ? 'that stream' : 'those streams'}' Source details first.`
      : null;
  const remove = async (): Promise<void> => {
    const ok = await confirmAction({
      title: `Remove ${source.name}?`,
      message: `No stream reads it. It stops at once${
        isReceiverSettings(source.settings)
          ? `, and nothing listens on ${clientAddress(source.settings)} any more`
          : ''
      }. Records it already stored are kept until every stream that read them has sent them.`,
      confirmLabel: 'Remove source',
      danger: true,
    });
    if (!ok) return;
    try {
      await api.request('sources.delete', { id: source.id });
      await refreshSources();
      toast(`${source.name} removed.`);
    } catch (err) {
      toast(messageOf(err), 'error');
    }
  };
  return (
    <div className="source-settings__readers">
      <p className="muted small" data-testid="source-readers">
        {names.length === 0 ? 'No stream reads this source.' : `Read by ${readersText(names)}.`}
      </p>
      <Button
        size="small"
        variant="danger"
        blockedReason={blocked}
        needsEngine
        onClick={() => void remove()}
        aria-label={`Remove ${source.name}`}
      >
        Remove source
      </Button>
    </div>
  );
}

/** A source's full-buffer policy and, for a receiver, its address. */
function SourceRow({ source }: { source: Source }) {
  const [policy, setPolicy] = useState(source.fullPolicy);
  const receiver = isReceiverSettings(source.settings) ? source.settings : null;
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
        {source.name}
        {source.name !== sourceKindLabels[source.settings.kind] ? (
          <span className="muted small"> · {sourceKindLabels[source.settings.kind]}</span>
        ) : null}
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
            help={`${defaultReceiverPorts[receiver.kind]} is ${receiver.kind === 'otlp-grpc-receiver' ? 'OTLP/gRPC' : 'OTLP/HTTP'}'s usual port.`}
          />
        </div>
      ) : null}
      {receiver ? (
        <p className="muted small">
          Point OpenTelemetry SDKs and Collectors at <code>{clientAddress(receiver)}</code>.
        </p>
      ) : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      <RemoveSource source={source} />
      <div className="toolbar source-settings__actions">
        <Button
          size="small"
          disabled={!changed}
          busy={busy}
          onClick={() => void save()}
          needsEngine
        >
          Save {source.name}
        </Button>
      </div>
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
