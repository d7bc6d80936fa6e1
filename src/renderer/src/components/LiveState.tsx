import { formatTime } from '../lib/format';
import { useAppInfo } from '../store/app-info';
import { connectionState, isStale, useConnection } from '../store/connection';

/**
 * Says plainly, above every screen, that what it shows is not live: the
 * figures are the last ones received, and actions wait for the engine. The
 * rows, counters and badges mark themselves stale too; this is the sentence
 * that explains why.
 */
export function StaleBanner() {
  const state = useConnection(connectionState);
  const lastAt = useConnection((s) => s.snapshot?.at ?? null);
  if (!isStale(state) || state === 'expired') return null;
  const what =
    state === 'stale'
      ? 'The Sluice engine is not responding.'
      : 'Disconnected from the Sluice engine; reconnecting…';
  const since =
    lastAt !== null
      ? `Figures and statuses on this page are from ${formatTime(lastAt)} and may be out of date.`
      : 'Nothing on this page is current.';
  return (
    <div className="live-banner" role="alert" data-testid="stale-banner">
      <strong>{what}</strong> {since} Actions are unavailable until it is back. If it does not come
      back, check that Sluice is still running.
    </div>
  );
}

/**
 * `sluice serve` restarted with a new access token: this tab cannot get back
 * in by retrying, so it says what happened and where the new link is,
 * instead of retrying for ever.
 */
export function RestartedNotice() {
  const dataDir = useAppInfo((s) => s.info?.dataDir ?? null);
  return (
    <section
      className="restarted"
      role="alert"
      aria-labelledby="restarted-title"
      data-testid="restarted"
    >
      <h2 id="restarted-title" className="restarted__title">
        Sluice was restarted: open its new link
      </h2>
      <p>
        Each time <code>sluice serve</code> starts it makes a new access link, so this tab can no
        longer reach it. Open the address it printed when it started again, in the terminal where it
        runs: it ends with <code>?token=…</code>.
      </p>
      <p>
        While it runs, the link is also in{' '}
        <code>{dataDir ? `${dataDir.replace(/[\\/]+$/, '')}/control.json` : 'control.json'}</code>
        {dataDir ? '' : ' in its data folder'}.
      </p>
      <p className="muted">
        Nothing was lost: streams keep their buffered records across a restart.
      </p>
    </section>
  );
}
