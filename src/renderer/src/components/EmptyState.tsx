import type { ReactNode } from 'react';

export function EmptyState(props: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="empty" aria-label={props.title}>
      <h2 className="empty__title">{props.title}</h2>
      <div className="empty__body">{props.children}</div>
      {props.actions ? <div className="empty__actions">{props.actions}</div> : null}
    </section>
  );
}
