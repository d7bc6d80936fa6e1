import { useEffect, useState, type ReactNode } from 'react';
import { appSettingsSchema } from '../../../../shared/api/settings';
import { frontDoor } from '../../api';
import { Button } from '../../components/ui/Button';
import { Segmented, TextField } from '../../components/ui/Field';
import { Notice } from '../../components/ui/Notice';
import { formatBytes, plural } from '../../lib/format';
import { refreshAppInfo, useAppInfo } from '../../store/app-info';
import { useConnection } from '../../store/connection';
import { messageOf } from '../../store/errors';
import { updateSettings, useSettings, type Theme } from '../../store/settings';
import { toast } from '../../store/toasts';
import { SourcesSettings } from './SourcesSettings';

const MB = 1024 * 1024;

function Section(props: { title: string; children: ReactNode; id: string }) {
  return (
    <section className="settings__section" aria-labelledby={props.id}>
      <h2 className="section-title" id={props.id}>
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}

function BufferSettings() {
  const settings = useSettings((s) => s.settings);
  const info = useAppInfo((s) => s.info);
  const buffer = useConnection((s) => s.snapshot?.buffer ?? null);
  const [capMb, setCapMb] = useState('');
  const [days, setDays] = useState('');
  const [busy, setBusy] = useState(false);
  const [issues, setIssues] = useState<Record<string, string>>({});

  useEffect(() => {
    if (settings) {
      setCapMb(String(Math.round(settings.buffer.capBytes / MB)));
      setDays(String(settings.historyRetentionDays));
    }
  }, [settings]);

  if (!settings) return <p className="muted">Loading…</p>;
  const save = async (): Promise<void> => {
    const candidate = {
      ...settings,
      buffer: { capBytes: Math.round(Number(capMb) * MB) },
      historyRetentionDays: Number(days),
    };
    const parsed = appSettingsSchema.safeParse(candidate);
    if (!parsed.success) {
      setIssues(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setIssues({});
    setBusy(true);
    try {
      await updateSettings(parsed.data);
      toast('Settings saved.');
    } catch (err) {
      toast(messageOf(err), 'error');
    } finally {
      setBusy(false);
    }
  };
  const used = buffer ? Math.min(1, buffer.usedBytes / buffer.capBytes) : 0;
  const changed =
    capMb !== String(Math.round(settings.buffer.capBytes / MB)) ||
    days !== String(settings.historyRetentionDays);
  return (
    <>
      <dl className="facts">
        <dt>Location</dt>
        <dd>
          <code data-testid="data-dir">{info?.dataDir ?? '…'}</code>
        </dd>
        <dt>In use</dt>
        <dd>
          {buffer ? (
            <>
              <meter
                className="meter"
                min={0}
                max={1}
                value={used}
                high={0.8}
                aria-label="Buffer use"
              />{' '}
              <span data-testid="buffer-used">
                {formatBytes(buffer.usedBytes)} of {formatBytes(buffer.capBytes)} ·{' '}
                {plural(buffer.records, 'record')}
              </span>
              {buffer.full ? <strong className="text-warn"> · full</strong> : null}
            </>
          ) : (
            '…'
          )}
        </dd>
      </dl>
      <form
        className="settings__form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="field-row">
          <TextField
            label="Disk cap (MB)"
            type="number"
            required
            value={capMb}
            onChange={setCapMb}
            help="The buffer never grows past this; each source's policy says what happens then."
            issues={issues.buffer ? [{ severity: 'error', message: issues.buffer }] : []}
          />
          <TextField
            label="Keep history (days)"
            type="number"
            required
            value={days}
            onChange={setDays}
            help="Per-minute metrics and the event log older than this are deleted."
            issues={
              issues.historyRetentionDays
                ? [{ severity: 'error', message: issues.historyRetentionDays }]
                : []
            }
          />
        </div>
        <Button type="submit" variant="primary" disabled={!changed} busy={busy} needsEngine>
          Save buffer and history
        </Button>
      </form>
    </>
  );
}

function ThemeSettings() {
  const theme = useSettings((s) => s.settings?.theme ?? 'system');
  return (
    <Segmented<Theme>
      label="Theme"
      value={theme}
      options={[
        { value: 'system', label: 'System' },
        { value: 'light', label: 'Light' },
        { value: 'dark', label: 'Dark' },
      ]}
      onChange={(t) =>
        void updateSettings({ theme: t }).catch((err: unknown) => toast(messageOf(err), 'error'))
      }
    />
  );
}

export function SettingsScreen() {
  const { info, error } = useAppInfo();
  const settingsError = useSettings((s) => s.error);
  useEffect(() => {
    void refreshAppInfo();
  }, []);

  return (
    <div className="settings">
      {error ? <Notice kind="error">{error}</Notice> : null}
      {settingsError ? <Notice kind="error">{settingsError}</Notice> : null}
      {info && !info.keychain.available ? (
        <Notice kind="warning" title="The OS keychain is not available." testId="keychain-warning">
          {info.keychain.message}
        </Notice>
      ) : null}
      <Section title="Appearance" id="settings-appearance">
        <ThemeSettings />
      </Section>
      <Section title="Buffer" id="settings-buffer">
        <BufferSettings />
      </Section>
      <Section title="Sources" id="settings-sources">
        <p className="muted small">
          What each source does when the buffer reaches its disk cap, and where an OTLP receiver
          listens.
        </p>
        <SourcesSettings />
      </Section>
      <Section title="About" id="settings-about">
        {info ? (
          <dl className="facts">
            <dt>Version</dt>
            <dd>{info.version}</dd>
            <dt>Data folder</dt>
            <dd>
              <code>{info.dataDir}</code>
            </dd>
            <dt>Keychain</dt>
            <dd>
              {info.keychain.available
                ? 'Available: API tokens are stored in the OS keychain.'
                : 'Unavailable'}
            </dd>
            <dt>Window</dt>
            <dd>{frontDoor === 'desktop' ? 'Desktop app' : 'Browser (sluice serve)'}</dd>
            <dt>Platform</dt>
            <dd>
              {info.platform}, Node {info.nodeVersion}, engine on the {info.engineThread} thread
            </dd>
          </dl>
        ) : (
          <p className="muted">Loading…</p>
        )}
      </Section>
    </div>
  );
}
