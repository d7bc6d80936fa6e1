import { useState } from 'react';
import { api } from '../../api';
import { TestResultView } from '../../components/TestResultView';
import { Button } from '../../components/ui/Button';
import { Notice } from '../../components/ui/Notice';
import { messageOf } from '../../store/errors';
import { settingsInput, testKey, typedCredentials, useDraft, type Validation } from './draft';

/** Step 3: the engine connects, sends one clearly marked record, and says what happened. */
export function TestStep(props: { validation: Validation }) {
  const d = useDraft();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const stale = d.test !== null && d.test.key !== testKey(d);

  const run = async (): Promise<void> => {
    const draft = useDraft.getState();
    const settings = settingsInput(draft);
    if (!settings) return;
    setBusy(true);
    setError(null);
    try {
      const result = await api.request('streams.test', {
        settings,
        credentials: typedCredentials(draft),
        existingId: draft.existing?.id ?? null,
        credentialEnv: draft.credentialEnv,
      });
      useDraft.setState({ test: { result, key: testKey(draft) } });
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="step step--test">
      <p className="step__intro">
        Sluice resolves the address, connects, and sends one clearly marked test record (its
        attribute <code>sluice.test.id</code> names it) with the settings you entered. Nothing is
        saved yet.
      </p>
      {props.validation.hasErrors ? (
        <Notice kind="warning">
          Some destination details still have problems: go back to fix them first.
        </Notice>
      ) : null}
      <div className="toolbar">
        <Button
          variant={d.test?.result.outcome === 'success' && !stale ? 'secondary' : 'primary'}
          busy={busy}
          disabled={props.validation.hasErrors}
          needsEngine
          onClick={() => void run()}
        >
          {busy ? 'Testing…' : d.test ? 'Test again' : 'Test stream'}
        </Button>
        {busy ? (
          <span className="muted" role="status">
            Connecting to the destination…
          </span>
        ) : null}
      </div>
      {error ? (
        <Notice kind="error" title="The test could not run">
          {error}
        </Notice>
      ) : null}
      {stale ? (
        <Notice kind="info">
          The destination changed since this test: test again to check the new settings.
        </Notice>
      ) : null}
      {d.test ? <TestResultView result={d.test.result} /> : null}
      {d.test?.result.outcome === 'failure' ? (
        <p className="muted">
          Retry the test, review the destination details, or continue: saving without a successful
          test is allowed, and the stream keeps your records buffered until the destination accepts
          them.
        </p>
      ) : null}
    </div>
  );
}
