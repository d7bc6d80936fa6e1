import { useState } from 'react';
import type { StreamRuntime } from '../../../../shared/api/engine';
import type { Stream } from '../../../../shared/api/streams';
import type { ProcessingRule } from '../../../../shared/processing';
import { api } from '../../api';
import { RuleEditor } from '../../components/processing/RuleEditor';
import { RuleList } from '../../components/processing/RuleList';
import { Button } from '../../components/ui/Button';
import { Notice } from '../../components/ui/Notice';
import { messageOf } from '../../store/errors';
import { refreshStreams } from '../../store/streams';
import { toast } from '../../store/toasts';

/**
 * The stream page's Processing section: the rules with what each changed
 * in the last minute, and an editor that saves them without going through
 * the whole wizard.
 */
export function ProcessingSection({ stream, rt }: { stream: Stream; rt: StreamRuntime | null }) {
  const [editing, setEditing] = useState<ProcessingRule[] | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async (): Promise<void> => {
    if (!editing) return;
    setSaving(true);
    setError(null);
    try {
      const { id, active: _a, createdAt: _c, updatedAt: _u, credentials: _k, ...settings } = stream;
      await api.request('streams.update', { id, settings: { ...settings, processing: editing } });
      await refreshStreams();
      toast(`Processing rules of ${stream.name} saved.`);
      setEditing(null);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section
      className="detail__processing"
      aria-labelledby="processing-title"
      data-testid="processing-section"
    >
      <h2 className="section-title" id="processing-title">
        Processing
      </h2>
      {editing ? (
        <>
          <RuleEditor
            rules={editing}
            onChange={setEditing}
            streamId={stream.id}
            sourceIds={stream.sourceIds}
            outsystemsTruncation={stream.delivery.outsystemsTruncation}
          />
          {error ? (
            <Notice kind="error" title="Not saved">
              {error}
            </Notice>
          ) : null}
          <div className="detail__processing-actions">
            <Button onClick={() => setEditing(null)}>Cancel</Button>
            <Button variant="primary" busy={saving} onClick={() => void save()}>
              Save rules
            </Button>
          </div>
        </>
      ) : (
        <>
          <RuleList rules={stream.processing} counts={rt?.processing ?? null} />
          {stream.delivery.outsystemsTruncation ? (
            <p className="muted small">Then OutSystems truncation (4,000 characters).</p>
          ) : null}
          <Button size="small" onClick={() => setEditing([...stream.processing])}>
            Edit rules
          </Button>
        </>
      )}
    </section>
  );
}
