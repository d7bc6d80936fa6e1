import { useEffect, useId, useState } from 'react';
import type { CollectorExport } from '../../../shared/api/config';
import {
  collectorDistributions,
  distributionLabels,
  type CollectorDistribution,
} from '../../../shared/otelcol/types';
import { api } from '../api';
import { messageOf } from '../store/errors';
import { Button } from './ui/Button';
import { Dialog } from './ui/Dialog';
import { Notice } from './ui/Notice';

/**
 * "Export as Collector configuration" (docs/outgrowing.md): the stream (or
 * every stream) as an OpenTelemetry Collector configuration, previewed here
 * with what the Collector does differently, to copy or download. The engine
 * writes the text (config.exportCollector), so it is exactly what
 * `sluice streams export --format otelcol` writes.
 */
function CollectorExportDialog(props: { streamNames: string[]; onClose: () => void }) {
  const [distribution, setDistribution] = useState<CollectorDistribution>('dynatrace');
  const [state, setState] = useState<{ result?: CollectorExport; error?: string; busy: boolean }>({
    busy: true,
  });
  const [copied, setCopied] = useState(false);
  const choiceId = useId();
  const { streamNames } = props;
  const key = streamNames.join('\n');

  useEffect(() => {
    let live = true;
    setState({ busy: true });
    setCopied(false);
    api
      .request('config.exportCollector', {
        distribution,
        format: 'otelcol',
        streams: key ? key.split('\n') : [],
      })
      .then((result) => live && setState({ result, busy: false }))
      .catch((err: unknown) => live && setState({ error: messageOf(err), busy: false }));
    return () => {
      live = false;
    };
  }, [distribution, key]);

  const result = state.result;
  const copy = async () => {
    if (!result) return;
    await navigator.clipboard.writeText(result.text);
    setCopied(true);
  };
  const download = () => {
    if (!result) return;
    const url = URL.createObjectURL(new Blob([result.text], { type: 'application/yaml' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = result.fileName;
    a.click();
    URL.revokeObjectURL(url);
  };

  return (
    <Dialog
      open
      wide
      title="Export as Collector configuration"
      onClose={props.onClose}
      testId="collector-export-dialog"
      actions={
        <>
          <Button onClick={props.onClose}>Close</Button>
          <Button disabled={!result} onClick={() => void copy()}>
            {copied ? 'Copied' : 'Copy'}
          </Button>
          <Button variant="primary" disabled={!result} onClick={download}>
            Download
          </Button>
        </>
      }
    >
      <div className="collector-export">
        <p className="muted small">
          For running {streamNames.length === 1 ? `"${streamNames[0]}"` : 'these streams'} on an
          OpenTelemetry Collector: a server without a desktop, or Kubernetes (docs/outgrowing.md).
          No secret is in the file; the variables to set are listed at its top.
        </p>
        <fieldset className="collector-export__choice">
          <legend id={choiceId}>Distribution</legend>
          {collectorDistributions.map((d) => (
            <label key={d}>
              <input
                type="radio"
                name={`${choiceId}-distribution`}
                value={d}
                checked={distribution === d}
                onChange={() => setDistribution(d)}
              />{' '}
              {distributionLabels[d]}
            </label>
          ))}
        </fieldset>
        {state.busy ? <p role="status">Writing the configuration…</p> : null}
        {state.error ? (
          <Notice kind="error" title="This cannot be exported as asked">
            {state.error}
          </Notice>
        ) : null}
        {result ? (
          <>
            <pre
              className="collector-export__preview"
              tabIndex={0}
              aria-label="Configuration preview"
              data-testid="collector-preview"
            >
              {result.text}
            </pre>
            <details className="collector-export__differences" open>
              <summary>What the Collector does differently</summary>
              {result.differences.map((d) => (
                <section key={d.scope}>
                  <h3>{d.scope}</h3>
                  <ul>
                    {d.notes.map((n) => (
                      <li key={n}>{n}</li>
                    ))}
                  </ul>
                </section>
              ))}
            </details>
          </>
        ) : null}
      </div>
    </Dialog>
  );
}

/** The button that opens the dialog: one stream by name, or every stream when none is given. */
export function CollectorExportButton(props: { streamName?: string; label?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        {props.label ?? 'Export as Collector configuration'}
      </Button>
      {open ? (
        <CollectorExportDialog
          streamNames={props.streamName ? [props.streamName] : []}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </>
  );
}
