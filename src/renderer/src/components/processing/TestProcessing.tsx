import type { TestProcessingReport } from '../../../../shared/api/test-stream';

/** Which of the stream's processing rules touched the test record, and how. */
export function TestProcessing({ report }: { report: TestProcessingReport }) {
  return (
    <div className="test-result__processing" data-testid="test-processing">
      <strong>Processing: </strong>
      {report.touched.length === 0
        ? `the test record went through the stream's ${report.ruleCount} ${report.ruleCount === 1 ? 'rule' : 'rules'}; none changed it.`
        : `the test record went through the stream's ${report.ruleCount} ${report.ruleCount === 1 ? 'rule' : 'rules'}:`}
      {report.touched.length > 0 ? (
        <ul>
          {report.touched.map((t) => (
            <li key={t.key}>
              <code className="rule-tag">{t.key}</code> {t.label}: {t.changes.join('; ')}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
