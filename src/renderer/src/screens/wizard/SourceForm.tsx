import { useState } from 'react';
import {
  defaultReceiverPorts,
  isReceiverKind,
  sourceInputSchema,
  sourceKindLabels,
  sourceKinds,
  type Source,
  type SourceKind,
} from '../../../../shared/api/sources';
import { ApiError } from '../../../../shared/api/envelope';
import { api } from '../../api';
import { Button } from '../../components/ui/Button';
import { Dialog } from '../../components/ui/Dialog';
import { CheckboxField, SelectField, TextField, type FieldIssue } from '../../components/ui/Field';
import { Notice } from '../../components/ui/Notice';
import { messageOf } from '../../store/errors';
import { refreshSources } from '../../store/sources';

interface Form {
  kind: SourceKind;
  name: string;
  host: string;
  port: string;
  requireToken: boolean;
  token: string;
  paths: string;
  format: 'text' | 'json';
  startAt: 'end' | 'beginning';
  serviceName: string;
  rate: string;
  fullPolicy: 'block' | 'drop-oldest';
}

const defaults: Form = {
  kind: 'sample',
  name: '',
  host: '127.0.0.1',
  port: '4318',
  requireToken: false,
  token: '',
  paths: '',
  format: 'text',
  startAt: 'end',
  serviceName: '',
  rate: '5',
  fullPolicy: 'block',
};

function settingsOf(f: Form): unknown {
  switch (f.kind) {
    case 'otlp-receiver':
    case 'otlp-grpc-receiver':
      return {
        kind: f.kind,
        host: f.host,
        port: Number(f.port),
        requireToken: f.requireToken,
      };
    case 'file':
      return {
        kind: f.kind,
        paths: f.paths
          .split('\n')
          .map((p) => p.trim())
          .filter(Boolean),
        format: f.format,
        startAt: f.startAt,
        serviceName: f.serviceName.trim() === '' ? null : f.serviceName,
      };
    case 'sample':
      return { kind: f.kind, recordsPerSecond: Number(f.rate) };
  }
}

/** Adds a source (sample data, an OTLP receiver or log files), checked with the contract's schema. */
export function SourceForm(props: { open: boolean; onClose: (created: Source | null) => void }) {
  const [f, setF] = useState<Form>(defaults);
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Form>): void => setF((prev) => ({ ...prev, ...patch }));
  // Switching between the receivers moves an untouched port to the new protocol's usual one.
  const setKind = (kind: SourceKind): void =>
    setF((prev) => {
      const usual = Object.values(defaultReceiverPorts).map(String);
      const port =
        isReceiverKind(kind) && usual.includes(prev.port)
          ? String(defaultReceiverPorts[kind])
          : prev.port;
      return { ...prev, kind, port };
    });
  const issue = (path: string): FieldIssue[] =>
    issues[path] ? [{ severity: 'error', message: issues[path]! }] : [];

  const submit = async (): Promise<void> => {
    const name = f.name.trim() === '' ? sourceKindLabels[f.kind] : f.name;
    const parsed = sourceInputSchema.safeParse({
      name,
      settings: settingsOf(f),
      fullPolicy: f.fullPolicy,
    });
    if (!parsed.success) {
      setIssues(
        Object.fromEntries(parsed.error.issues.map((i) => [i.path.slice(-1).join('.'), i.message])),
      );
      return;
    }
    setIssues({});
    setBusy(true);
    setError(null);
    try {
      const credentials: Record<string, string> =
        isReceiverKind(f.kind) && f.requireToken && f.token.trim() !== ''
          ? { token: f.token.trim() }
          : {};
      const created = await api.request('sources.create', { source: parsed.data, credentials });
      await refreshSources();
      setF(defaults);
      props.onClose(created);
    } catch (err) {
      setError(messageOf(err));
      if (err instanceof ApiError && err.issues.length > 0) {
        setIssues(
          Object.fromEntries(err.issues.map((i) => [i.path.split('.').pop() ?? '', i.message])),
        );
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={props.open}
      title="Add a source"
      onClose={() => props.onClose(null)}
      testId="source-dialog"
      actions={
        <>
          <Button onClick={() => props.onClose(null)}>Cancel</Button>
          <Button variant="primary" busy={busy} onClick={() => void submit()}>
            Add source
          </Button>
        </>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          // Portalled out of the wizard's form in the DOM, but React still bubbles to it.
          e.stopPropagation();
          void submit();
        }}
      >
        <SelectField
          label="Kind"
          value={f.kind}
          options={sourceKinds.map((k) => ({ value: k, label: sourceKindLabels[k] }))}
          onChange={(v) => setKind(v as SourceKind)}
        />
        <TextField
          label="Name"
          value={f.name}
          placeholder={sourceKindLabels[f.kind]}
          onChange={(name) => set({ name })}
          issues={issue('name')}
        />
        {f.kind === 'sample' ? (
          <TextField
            label="Records per second"
            type="number"
            required
            value={f.rate}
            onChange={(rate) => set({ rate })}
            help="Realistic application logs: modules, levels, stack traces, request attributes."
            issues={issue('recordsPerSecond')}
          />
        ) : null}
        {isReceiverKind(f.kind) ? (
          <>
            <div className="field-row">
              <TextField
                label="Listen on"
                required
                value={f.host}
                onChange={(host) => set({ host })}
                help="127.0.0.1 accepts only this machine."
                issues={issue('host')}
              />
              <TextField
                label="Port"
                type="number"
                required
                value={f.port}
                onChange={(port) => set({ port })}
                help={`${defaultReceiverPorts[f.kind]} is ${f.kind === 'otlp-grpc-receiver' ? 'OTLP/gRPC' : 'OTLP/HTTP'}'s usual port; 0 picks a free one.`}
                issues={issue('port')}
              />
            </div>
            <CheckboxField
              label="Require a token"
              checked={f.requireToken}
              onChange={(requireToken) => set({ requireToken })}
              help={
                f.kind === 'otlp-grpc-receiver'
                  ? 'Clients then send the metadata authorization: Bearer <token>.'
                  : 'Clients then send Authorization: Bearer <token>.'
              }
            />
            {f.requireToken ? (
              <TextField
                label="Receiver token"
                type="password"
                autoComplete="new-password"
                value={f.token}
                onChange={(token) => set({ token })}
                help="Kept in the OS keychain."
              />
            ) : null}
          </>
        ) : null}
        {f.kind === 'file' ? (
          <>
            <TextField
              label="Files"
              multiline
              required
              value={f.paths}
              placeholder="/var/log/app/*.log"
              onChange={(paths) => set({ paths })}
              help="One absolute path or glob per line."
              issues={issue('paths').concat(issue('0'))}
            />
            <div className="field-row">
              <SelectField
                label="Format"
                value={f.format}
                options={[
                  { value: 'text', label: 'Plain text lines' },
                  { value: 'json', label: 'JSON lines' },
                ]}
                onChange={(v) => set({ format: v as Form['format'] })}
              />
              <SelectField
                label="Start at"
                value={f.startAt}
                options={[
                  { value: 'end', label: 'The end (new lines only)' },
                  { value: 'beginning', label: 'The beginning' },
                ]}
                onChange={(v) => set({ startAt: v as Form['startAt'] })}
              />
            </div>
            <TextField
              label="Service name"
              value={f.serviceName}
              onChange={(serviceName) => set({ serviceName })}
              help="Sent as the resource attribute service.name."
            />
          </>
        ) : null}
        <SelectField
          label="When the buffer is full"
          value={f.fullPolicy}
          options={[
            { value: 'block', label: 'Hold back the source (nothing is lost)' },
            { value: 'drop-oldest', label: 'Drop the oldest records (and count them)' },
          ]}
          onChange={(v) => set({ fullPolicy: v as Form['fullPolicy'] })}
        />
        {error ? (
          <Notice kind="info" title="The source was not added">
            {error}
          </Notice>
        ) : null}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
