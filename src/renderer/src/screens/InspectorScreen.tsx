import { EmptyState } from '../components/EmptyState';

export function InspectorScreen() {
  return (
    <EmptyState title="Record inspector">
      <p>
        The inspector shows, field by field, the record Dynatrace makes of each log record: its
        timestamp, log level, content and attributes, with every transformation explained.
      </p>
      <p>
        Once a stream is running, pick it here to see its records live. To inspect a saved OTLP
        request today, run <code>sluice inspect FILE</code> in a terminal.
      </p>
    </EmptyState>
  );
}
