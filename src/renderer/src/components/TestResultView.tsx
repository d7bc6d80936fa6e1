import type { TestStreamResult, TestStepName } from '../../../shared/api/test-stream';
import { formatMs } from '../lib/format';
import { TestProcessing } from './processing/TestProcessing';
import { CopyButton } from './CopyButton';

const stepNames: Record<TestStepName, string> = {
  resolve: 'Resolve the address',
  connect: 'Connect',
  tls: 'TLS handshake',
  send: 'Send a test record',
};

/** How to find the test record in the tool; the query on its own line, with a Copy button. */
function FindRecord({ result }: { result: TestStreamResult }) {
  const hint = result.findRecordHint ?? '';
  const query = result.findRecordQuery;
  if (!query || !hint.endsWith(query)) {
    return (
      <p className="test-result__hint">
        <strong>Check that it arrived: </strong>
        {hint}
      </p>
    );
  }
  return (
    <div className="test-result__hint">
      <p>
        <strong>Check that it arrived: </strong>
        {hint.slice(0, hint.length - query.length).trimEnd()}
      </p>
      <div className="query">
        <code className="query__text" data-testid="find-record-query">
          {query}
        </code>
        <CopyButton text={query} what="the query" />
      </div>
    </div>
  );
}

/** The engine's step-by-step Test stream result, with its guidance, as it said it. */
export function TestResultView({ result }: { result: TestStreamResult }) {
  const ok = result.outcome === 'success';
  return (
    <section
      className={`test-result test-result--${result.outcome}`}
      aria-label="Test result"
      data-testid="test-result"
      data-outcome={result.outcome}
    >
      <h3 className="test-result__title">
        {ok ? 'Connection works' : 'The test failed'}
        {result.httpStatus !== null ? <span className="pill">HTTP {result.httpStatus}</span> : null}
      </h3>
      <p className="test-result__summary">{result.summary}</p>
      <ol className="test-steps">
        {result.steps.map((s) => (
          <li
            key={s.name}
            className={`test-step ${s.durationMs === null ? 'test-step--skipped' : s.ok ? 'test-step--ok' : 'test-step--failed'}`}
          >
            <span className="test-step__icon" aria-hidden="true">
              {s.durationMs === null ? '○' : s.ok ? '✓' : '✕'}
            </span>
            <span className="test-step__name">
              {stepNames[s.name]}
              <span className="visually-hidden">
                {s.durationMs === null ? ': not run' : s.ok ? ': passed' : ': failed'}
              </span>
            </span>
            <span className="test-step__time">
              {s.durationMs === null ? '' : formatMs(s.durationMs)}
            </span>
            <span className="test-step__detail">{s.detail}</span>
          </li>
        ))}
      </ol>
      {result.processing ? <TestProcessing report={result.processing} /> : null}
      {result.advice ? (
        <div className="test-result__advice">
          <strong>What to check: </strong>
          {result.advice}
        </div>
      ) : null}
      {result.responseBody ? (
        <details className="disclosure" open={!ok}>
          <summary>Response body</summary>
          <pre className="code-block">{result.responseBody}</pre>
        </details>
      ) : null}
      {ok && result.findRecordHint ? <FindRecord result={result} /> : null}
    </section>
  );
}
