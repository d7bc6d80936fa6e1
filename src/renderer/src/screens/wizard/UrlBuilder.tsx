import { useState } from 'react';
import type { UrlBuilderDefinition } from '../../../../shared/destinations';
import { Button } from '../../components/ui/Button';
import { Segmented, TextField } from '../../components/ui/Field';

/** "Build the URL from an environment id": the builders come from the tool's definition. */
export function UrlBuilder(props: {
  builders: readonly UrlBuilderDefinition[];
  onUse: (target: string, url: string) => void;
}) {
  const [builderId, setBuilderId] = useState(props.builders[0]?.id ?? '');
  const [inputs, setInputs] = useState<Record<string, string>>({});
  const builder = props.builders.find((b) => b.id === builderId);
  if (!builder) return null;
  const url = builder.build(inputs);
  return (
    <details className="disclosure url-builder">
      <summary>Build the URL for me</summary>
      <div className="disclosure__body">
        {props.builders.length > 1 ? (
          <Segmented
            label="Where your environment runs"
            value={builderId}
            options={props.builders.map((b) => ({ value: b.id, label: b.label }))}
            onChange={(v) => setBuilderId(v)}
          />
        ) : null}
        <p className="muted small">{builder.help}</p>
        <div className="field-row">
          {builder.inputs.map((input) => (
            <TextField
              key={`${builder.id}-${input.key}`}
              label={input.label}
              help={input.help}
              placeholder={input.placeholder}
              required
              value={inputs[input.key] ?? ''}
              onChange={(v) => setInputs({ ...inputs, [input.key]: v })}
            />
          ))}
        </div>
        <div className="url-builder__result">
          <code className="url-builder__url" data-testid="built-url">
            {url ?? 'Fill in the fields above to build the URL.'}
          </code>
          <Button
            size="small"
            disabled={url === null}
            onClick={() => url && props.onUse(builder.target, url)}
          >
            Use this URL
          </Button>
        </div>
      </div>
    </details>
  );
}
