import type { ReactNode } from 'react';

/**
 * A calm message in the flow of the page. Errors from the engine arrive here
 * as the engine's own sentence (never a stack trace).
 */
export function Notice(props: {
  kind?: 'info' | 'warning' | 'error' | 'success';
  title?: string;
  children?: ReactNode;
  testId?: string;
}) {
  const kind = props.kind ?? 'info';
  return (
    <div
      className={`notice notice--${kind}`}
      role={kind === 'error' || kind === 'warning' ? 'alert' : 'status'}
      data-testid={props.testId}
    >
      {props.title ? <strong className="notice__title">{props.title}</strong> : null}
      {props.children ? <div className="notice__body">{props.children}</div> : null}
    </div>
  );
}
