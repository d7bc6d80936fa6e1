import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { createStreamInputSchema, updateStreamInputSchema } from '../../../../shared/api/streams';
import { ApiError } from '../../../../shared/api/envelope';
import { api } from '../../api';
import { Button } from '../../components/ui/Button';
import { confirmAction } from '../../components/ui/confirm';
import { Notice } from '../../components/ui/Notice';
import { messageOf } from '../../store/errors';
import { navigate, openStream } from '../../store/navigation';
import { refreshStreams, useStreams } from '../../store/streams';
import { refreshKeychain } from '../../store/keychain';
import { toast } from '../../store/toasts';
import { describeCreated, removeCreatedSources } from './created-sources';
import { bindEnvironmentCredentials } from './env-credentials';
import {
  hasPassingTest,
  hasSourceErrors,
  settingsInput,
  startEditDraft,
  startNewDraft,
  stepLabels,
  typedCredentials,
  useDraft,
  validateDraft,
  wizardSteps,
  type WizardStep,
} from './draft';
import { DestinationStep } from './DestinationStep';
import { ProcessingStep } from './ProcessingStep';
import { ReviewStep } from './ReviewStep';
import { SourceStep } from './SourceStep';
import { TestStep } from './TestStep';
import { ToolStep } from './ToolStep';

function StepIndicator(props: { steps: readonly WizardStep[]; current: WizardStep }) {
  const index = props.steps.indexOf(props.current);
  return (
    <ol className="wizard__steps" aria-label="Steps">
      {props.steps.map((s, i) => (
        <li
          key={s}
          className={
            i === index
              ? 'wizard__step wizard__step--current'
              : i < index
                ? 'wizard__step wizard__step--done'
                : 'wizard__step'
          }
          aria-current={i === index ? 'step' : undefined}
        >
          <span className="wizard__step-number" aria-hidden="true">
            {i + 1}
          </span>
          {stepLabels[s]}
        </li>
      ))}
    </ol>
  );
}

/** The stream wizard (seed 002), for a new stream or to edit one (streamId). */
export function Wizard(props: { streamId: string | null }) {
  const editing = props.streamId !== null;
  const stream = useStreams((s) =>
    props.streamId ? s.streams.find((x) => x.id === props.streamId) : null,
  );
  const loaded = useStreams((s) => s.loaded);
  const [ready, setReady] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<{ message: string; issues: string[] } | null>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const d = useDraft();
  const validation = useMemo(() => validateDraft(d), [d]);

  // Whether a token can be saved at all is known before anything is typed (CredentialField says it).
  useEffect(() => {
    void refreshKeychain();
  }, []);

  const initialized = useRef(false);
  useEffect(() => {
    if (initialized.current) return;
    if (!editing) startNewDraft();
    else if (stream) startEditDraft(stream);
    else return;
    initialized.current = true;
    setReady(true);
  }, [editing, stream]);

  // Leaving the wizard by any way drops the draft, and the secrets typed into it,
  // and removes the sources it created unless a saved stream reads them.
  useEffect(
    () => () => {
      initialized.current = false;
      void removeCreatedSources(useDraft.getState().createdSourceIds);
      startNewDraft();
    },
    [],
  );

  const steps: readonly WizardStep[] = editing
    ? wizardSteps.filter((s) => s !== 'tool')
    : wizardSteps;
  const index = steps.indexOf(d.step);

  const cancel = async (): Promise<void> => {
    const created = describeCreated(useDraft.getState().createdSourceIds);
    if (useDraft.getState().dirty) {
      const ok = await confirmAction({
        title: editing ? 'Discard your changes?' : 'Discard this stream?',
        message: `What you typed in the wizard will be lost${
          created ? `, and ${created} you added here will be removed` : ''
        }.`,
        confirmLabel: 'Discard',
        cancelLabel: 'Keep editing',
        danger: true,
      });
      if (!ok) return;
    }
    if (editing && props.streamId) openStream(props.streamId);
    else navigate('streams');
  };

  // Esc cancels (with a confirm when something was typed); a dialog's own Esc goes first.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape' || e.defaultPrevented || document.querySelector('dialog[open]'))
        return;
      e.preventDefault();
      void cancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const goTo = (step: WizardStep): void => {
    useDraft.setState({ step, showAll: false });
    requestAnimationFrame(() => {
      const first = bodyRef.current?.querySelector<HTMLElement>(
        'button.tile[aria-checked="true"], input:not([type=hidden]), select, textarea, button',
      );
      first?.focus();
    });
  };

  const focusFirstProblem = (): void => {
    requestAnimationFrame(() => {
      const el = bodyRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
      if (el) {
        el.closest('details')?.setAttribute('open', '');
        el.focus();
      }
    });
  };

  const save = async (): Promise<void> => {
    const draft = useDraft.getState();
    const raw = settingsInput(draft);
    if (!raw) return;
    const settings = raw;
    // A rule without an attribute name is refused with its reason at Source details.
    if (hasSourceErrors(validateDraft(draft))) {
      goTo('source');
      useDraft.setState({ showAll: true });
      return;
    }
    const credentials = typedCredentials(draft);
    const parsed =
      editing && props.streamId
        ? updateStreamInputSchema.safeParse({ id: props.streamId, settings, credentials })
        : createStreamInputSchema.safeParse({ settings, credentials, active: true });
    if (!parsed.success) {
      setSaveError({
        message: 'Some settings cannot be saved yet:',
        issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
      });
      return;
    }
    if (draft.sourceIds.length === 0) {
      const ok = await confirmAction({
        title: 'Save a stream that reads no source?',
        message:
          'Nothing reaches a stream without a source: it will send nothing until you choose its sources with Edit, in Source details.',
        confirmLabel: 'Save without a source',
        cancelLabel: 'Choose a source',
      });
      if (!ok) {
        goTo('source');
        return;
      }
    }
    if (!hasPassingTest(draft)) {
      const ok = await confirmAction({
        title: 'Save without a successful test?',
        message: draft.test
          ? 'The last test of these settings did not succeed. The stream will keep records buffered and retry until the destination accepts them.'
          : 'These settings have not been tested. You can test the saved stream later from its page.',
        confirmLabel: 'Save anyway',
        cancelLabel: 'Go back',
      });
      if (!ok) return;
    }
    setSaving(true);
    setSaveError(null);
    try {
      const saved =
        editing && props.streamId
          ? await api.request('streams.update', { id: props.streamId, settings, credentials })
          : await api.request('streams.create', { settings, credentials, active: true });
      // Credentials from the environment are bound the way a configuration file binds them.
      const envNote = await bindEnvironmentCredentials(saved, draft.credentialEnv);
      // Sources added here but not chosen for the stream go; the ones it reads stay.
      await removeCreatedSources(
        draft.createdSourceIds.filter((id) => !saved.sourceIds.includes(id)),
      );
      useDraft.setState({ createdSourceIds: [] });
      // The typed secrets leave the window's memory with the draft.
      startNewDraft();
      await refreshStreams();
      toast(editing ? `${saved.name} saved.` : `${saved.name} created and active.`);
      if (envNote) toast(envNote, 'info');
      openStream(saved.id);
    } catch (err) {
      setSaveError({
        message: messageOf(err),
        issues: err instanceof ApiError ? err.issues.map((i) => `${i.path}: ${i.message}`) : [],
      });
    } finally {
      setSaving(false);
    }
  };

  const next = (): void => {
    if (d.step === 'tool') {
      if (d.tool) goTo('destination');
      return;
    }
    if (d.step === 'destination' && validation.hasErrors) {
      useDraft.setState({ showAll: true });
      focusFirstProblem();
      return;
    }
    if (d.step === 'source' && hasSourceErrors(validation)) {
      useDraft.setState({ showAll: true });
      focusFirstProblem();
      return;
    }
    if (d.step === 'review') {
      void save();
      return;
    }
    const following = steps[index + 1];
    if (following) goTo(following);
  };

  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    next();
  };

  if (editing && !stream) {
    return loaded ? (
      <Notice kind="error">This stream no longer exists.</Notice>
    ) : (
      <p className="muted">Loading the stream…</p>
    );
  }
  if (!ready) return null;

  const nextLabel =
    d.step === 'review'
      ? editing
        ? 'Save changes'
        : 'Save stream'
      : d.step === 'test' && !hasPassingTest(d)
        ? 'Continue'
        : 'Next';

  return (
    <form
      className="wizard"
      onSubmit={onSubmit}
      aria-label={editing ? 'Edit stream' : 'Create stream'}
      noValidate
    >
      <StepIndicator steps={steps} current={d.step} />
      <section className="wizard__body" ref={bodyRef} aria-labelledby="wizard-step-title">
        <h2 id="wizard-step-title" className="wizard__title">
          {index + 1}. {stepLabels[d.step]}
        </h2>
        {d.step === 'tool' ? <ToolStep onChosen={() => goTo('destination')} /> : null}
        {d.step === 'destination' ? <DestinationStep validation={validation} /> : null}
        {d.step === 'test' ? <TestStep validation={validation} /> : null}
        {d.step === 'source' ? <SourceStep /> : null}
        {d.step === 'processing' ? <ProcessingStep /> : null}
        {d.step === 'review' ? (
          <ReviewStep
            validation={validation}
            saveError={
              saveError ? (
                <Notice kind="error" title="Not saved">
                  {saveError.message}
                  {saveError.issues.length > 0 ? (
                    <ul>
                      {saveError.issues.map((i) => (
                        <li key={i}>{i}</li>
                      ))}
                    </ul>
                  ) : null}
                </Notice>
              ) : null
            }
          />
        ) : null}
      </section>
      <div className="wizard__footer">
        <Button onClick={() => void cancel()} variant="ghost" aria-keyshortcuts="Escape">
          Cancel
        </Button>
        <span className="spacer" />
        {index > 0 ? <Button onClick={() => goTo(steps[index - 1]!)}>Back</Button> : null}
        {d.step !== 'tool' ? (
          <Button
            type="submit"
            variant="primary"
            busy={saving}
            aria-keyshortcuts="Enter"
            needsEngine={d.step === 'review'}
          >
            {nextLabel}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
