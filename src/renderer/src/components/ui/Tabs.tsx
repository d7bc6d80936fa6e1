import { useId, useRef, type KeyboardEvent } from 'react';

export interface TabItem<K extends string> {
  key: K;
  label: string;
}

/**
 * WAI-ARIA tabs: arrow keys move between tabs, Home/End jump; the panel is
 * rendered by the caller with tabPanelProps().
 */
export function Tabs<K extends string>(props: {
  label: string;
  items: readonly TabItem<K>[];
  value: K;
  onChange: (key: K) => void;
  idBase?: string;
}) {
  const generated = useId();
  const base = props.idBase ?? generated;
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const index = props.items.findIndex((i) => i.key === props.value);

  const onKeyDown = (e: KeyboardEvent): void => {
    const n = props.items.length;
    let next = -1;
    if (e.key === 'ArrowRight') next = (index + 1) % n;
    else if (e.key === 'ArrowLeft') next = (index - 1 + n) % n;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = n - 1;
    if (next < 0) return;
    e.preventDefault();
    props.onChange(props.items[next]!.key);
    refs.current[next]?.focus();
  };

  return (
    <div className="tabs" role="tablist" aria-label={props.label} onKeyDown={onKeyDown}>
      {props.items.map((item, i) => (
        <button
          key={item.key}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="tab"
          id={`${base}-tab-${item.key}`}
          aria-controls={`${base}-panel-${item.key}`}
          aria-selected={item.key === props.value}
          tabIndex={item.key === props.value ? 0 : -1}
          className={item.key === props.value ? 'tabs__tab tabs__tab--current' : 'tabs__tab'}
          onClick={() => props.onChange(item.key)}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}

export function tabPanelProps(base: string, key: string) {
  return {
    role: 'tabpanel' as const,
    id: `${base}-panel-${key}`,
    'aria-labelledby': `${base}-tab-${key}`,
    tabIndex: 0,
  };
}
