import { useId, type ReactNode } from 'react';

export interface FieldIssue {
  severity: 'error' | 'warning';
  message: string;
  /** A one-click correction offered under the field. */
  fix?: { label: string; apply: () => void };
}

interface FieldFrameProps {
  label: string;
  help?: ReactNode;
  issues?: readonly FieldIssue[];
  required?: boolean;
  children: (ids: {
    inputId: string;
    describedBy: string | undefined;
    invalid: boolean;
  }) => ReactNode;
  className?: string;
}

/**
 * Label, control, help text and the validation messages under it, wired with
 * aria-describedby so a screen reader reads the help and the problem.
 */
export function FieldFrame(props: FieldFrameProps) {
  const inputId = useId();
  const helpId = `${inputId}-help`;
  const issuesId = `${inputId}-issues`;
  const issues = props.issues ?? [];
  const invalid = issues.some((i) => i.severity === 'error');
  const describedBy =
    [props.help ? helpId : null, issues.length > 0 ? issuesId : null].filter(Boolean).join(' ') ||
    undefined;
  return (
    <div className={`field ${props.className ?? ''}`}>
      <label className="field__label" htmlFor={inputId}>
        {props.label}
        {props.required ? null : <span className="field__optional"> (optional)</span>}
      </label>
      {props.children({ inputId, describedBy, invalid })}
      {issues.length > 0 ? (
        <ul className="field__issues" id={issuesId}>
          {issues.map((issue, i) => (
            <li key={i} className={`field__issue field__issue--${issue.severity}`}>
              {issue.message}
              {issue.fix ? (
                <button type="button" className="link-button" onClick={issue.fix.apply}>
                  {issue.fix.label}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {props.help ? (
        <div className="field__help" id={helpId}>
          {props.help}
        </div>
      ) : null}
    </div>
  );
}

export function TextField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  help?: ReactNode;
  issues?: readonly FieldIssue[];
  placeholder?: string;
  required?: boolean;
  type?: 'text' | 'password' | 'url' | 'number';
  autoComplete?: string;
  name?: string;
  multiline?: boolean;
  autoFocus?: boolean;
  className?: string;
}) {
  return (
    <FieldFrame
      label={props.label}
      help={props.help}
      issues={props.issues}
      required={props.required ?? false}
      className={props.className}
    >
      {({ inputId, describedBy, invalid }) =>
        props.multiline ? (
          <textarea
            id={inputId}
            className="input input--multiline"
            value={props.value}
            placeholder={props.placeholder}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            name={props.name}
            spellCheck={false}
            onChange={(e) => props.onChange(e.target.value)}
            onBlur={props.onBlur}
          />
        ) : (
          <input
            id={inputId}
            className="input"
            type={props.type ?? 'text'}
            value={props.value}
            placeholder={props.placeholder}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            aria-required={props.required || undefined}
            autoComplete={props.autoComplete ?? 'off'}
            spellCheck={false}
            name={props.name}
            autoFocus={props.autoFocus}
            onChange={(e) => props.onChange(e.target.value)}
            onBlur={props.onBlur}
          />
        )
      }
    </FieldFrame>
  );
}

export function SelectField(props: {
  label: string;
  value: string;
  options: readonly { value: string; label: string; help?: string }[];
  onChange: (value: string) => void;
  help?: ReactNode;
  issues?: readonly FieldIssue[];
  required?: boolean;
}) {
  const current = props.options.find((o) => o.value === props.value);
  return (
    <FieldFrame
      label={props.label}
      help={
        current?.help ? (
          <>
            {props.help} <span className="field__option-help">{current.help}</span>
          </>
        ) : (
          props.help
        )
      }
      issues={props.issues}
      required={props.required ?? true}
    >
      {({ inputId, describedBy, invalid }) => (
        <select
          id={inputId}
          className="input select"
          value={props.value}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(e) => props.onChange(e.target.value)}
        >
          {props.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

export function CheckboxField(props: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  help?: ReactNode;
  issues?: readonly FieldIssue[];
}) {
  const id = useId();
  return (
    <div className="field field--checkbox">
      <label className="checkbox" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={props.checked}
          aria-describedby={props.help ? `${id}-help` : undefined}
          onChange={(e) => props.onChange(e.target.checked)}
        />
        <span>{props.label}</span>
      </label>
      {props.issues && props.issues.length > 0 ? (
        <ul className="field__issues">
          {props.issues.map((issue, i) => (
            <li key={i} className={`field__issue field__issue--${issue.severity}`}>
              {issue.message}
            </li>
          ))}
        </ul>
      ) : null}
      {props.help ? (
        <div className="field__help" id={`${id}-help`}>
          {props.help}
        </div>
      ) : null}
    </div>
  );
}

/** A small set of exclusive choices as a radio group styled as segments. */
export function Segmented<V extends string>(props: {
  label: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange: (value: V) => void;
  name?: string;
}) {
  const name = useId();
  return (
    <fieldset className="segmented">
      <legend className="segmented__legend">{props.label}</legend>
      <div className="segmented__options">
        {props.options.map((o) => (
          <label
            key={o.value}
            className={
              o.value === props.value
                ? 'segmented__option segmented__option--on'
                : 'segmented__option'
            }
          >
            <input
              type="radio"
              name={props.name ?? name}
              value={o.value}
              checked={o.value === props.value}
              onChange={() => props.onChange(o.value)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
