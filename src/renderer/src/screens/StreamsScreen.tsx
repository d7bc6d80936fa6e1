import { streamStatusLabels } from '../../../shared/api/engine';
import { toolLabels } from '../../../shared/destinations/schema';
import { EmptyState } from '../components/EmptyState';
import { useConnection } from '../store/connection';
import { useStreams } from '../store/streams';

export function StreamsScreen() {
  const { streams, loaded, error } = useStreams();
  const runtime = useConnection((s) => s.snapshot?.streams);

  if (error) {
    return (
      <div className="notice notice--error" role="alert">
        {error}
      </div>
    );
  }
  if (!loaded) return <p className="muted">Loading streams…</p>;
  if (streams.length === 0) {
    return (
      <EmptyState title="No streams yet">
        <p>
          A stream sends the logs of your applications to an APM tool such as Dynatrace. It reads
          from sources (an OTLP receiver, log files, or built-in sample data), buffers records
          safely on this machine, and delivers them even when the destination is slow or down.
        </p>
        <p>
          To begin, create a stream and pick its destination. The stream wizard arrives with the
          next release; until then, streams can be created through the engine&apos;s contract.
        </p>
      </EmptyState>
    );
  }
  return (
    <table className="table" aria-label="Streams">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Destination</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {streams.map((s) => {
          const rt = runtime?.find((r) => r.id === s.id);
          const status = rt?.status ?? (s.active ? 'active' : 'inactive');
          return (
            <tr key={s.id}>
              <td>{s.name}</td>
              <td>{toolLabels[s.destination.tool]}</td>
              <td>
                <span className={`badge badge--${status}`} title={rt?.statusReason ?? undefined}>
                  {streamStatusLabels[status]}
                </span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
