import type { StreamRuntime } from '../../../../shared/api/engine';
import type { Stream } from '../../../../shared/api/streams';
import { dynatraceTenantLabels, wouldChangeRows } from '../../../../shared/dynatrace';
import { logAgeText, logAgeWarning } from '../../../../shared/format/log-age';
import { Notice } from '../../components/ui/Notice';
import { formatCount } from '../../lib/format';
import { navigate } from '../../store/navigation';

/**
 * What Dynatrace will make of this stream's records, before they are sent:
 * which rules and limits apply (the stream's tenant setting), the oldest
 * buffered record against the log-age limit, and per rule how many records
 * Dynatrace will cut, drop or change, each with its examples in the
 * inspector. Only for Dynatrace streams.
 */
export function DynatraceChecks({ stream, rt }: { stream: Stream; rt: StreamRuntime | null }) {
  if (stream.destination.tool !== 'dynatrace') return null;
  const tenant = stream.destination.tenant;
  const logAge = rt?.logAge ?? null;
  const warning = logAge ? logAgeWarning(logAge) : null;
  const rows = wouldChangeRows(rt?.wouldChange ?? {});
  return (
    <section className="dt-checks" aria-label="What Dynatrace keeps" data-testid="dynatrace-checks">
      <h2 className="section-title">What Dynatrace keeps</h2>
      <p className="muted small">
        Rules and limits of <strong data-testid="dt-tenant">{dynatraceTenantLabels[tenant]}</strong>{' '}
        (the stream&apos;s setting; Edit to change it).
      </p>
      {logAge ? (
        <p data-testid="log-age">
          <strong>Log age: </strong>
          {logAgeText(logAge)}.
        </p>
      ) : null}
      {warning ? (
        <Notice
          kind="warning"
          title="The backlog is about to pass the log-age limit"
          testId="log-age-warning"
        >
          {warning}
        </Notice>
      ) : null}
      {rows.length === 0 ? (
        <p className="muted" data-testid="would-change-none">
          Nothing sent so far breaks a limit: Dynatrace stores these records as sent.
        </p>
      ) : (
        <table
          className="table"
          aria-label="Records Dynatrace would change"
          data-testid="would-change"
        >
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col">What Dynatrace does</th>
              <th scope="col">Records since start</th>
              <th scope="col">
                <span className="visually-hidden">Examples</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.rule} data-rule={r.rule}>
                <td>
                  <code>{r.rule}</code>
                </td>
                <td>{r.summary}</td>
                <td>{formatCount(r.count)}</td>
                <td>
                  <a
                    href={`#/inspector/${encodeURIComponent(stream.id)}?rule=${encodeURIComponent(r.rule)}`}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate('inspector', { streamId: stream.id, rule: r.rule });
                    }}
                  >
                    Examples in the inspector
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
