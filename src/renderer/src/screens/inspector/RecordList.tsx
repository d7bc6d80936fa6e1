import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { formatAge, formatDateTime, formatRecordTime } from '../../lib/format';
import { bodyPreview, severityLabel, type InspectedRecord } from './model';

const rowHeight = 30;

/**
 * Virtualized: only the rows in view exist in the DOM, so 100,000 records
 * scroll as smoothly as 10. A listbox: arrow keys, Home/End, PageUp/PageDown.
 */
export function RecordList(props: {
  count: number;
  recordAt: (index: number) => InspectedRecord;
  timeAt: (index: number) => number | null;
  selected: number | null;
  onSelect: (index: number) => void;
  follow: boolean;
  label: string;
}) {
  const parentRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: props.count,
    getScrollElement: () => parentRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });

  // Follow new records only while the list is scrolled to its end: someone
  // who scrolled up to read is not pulled away.
  const atEnd = useRef(true);
  useEffect(() => {
    if (props.follow && atEnd.current && props.count > 0 && props.selected === null) {
      virtualizer.scrollToIndex(props.count - 1, { align: 'end' });
    }
  }, [props.count, props.follow, props.selected, virtualizer]);

  const move = (to: number): void => {
    if (props.count === 0) return;
    const i = Math.max(0, Math.min(props.count - 1, to));
    props.onSelect(i);
    virtualizer.scrollToIndex(i, { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent): void => {
    const cur = props.selected ?? -1;
    const page = Math.max(1, Math.floor((parentRef.current?.clientHeight ?? 300) / rowHeight) - 1);
    const keys: Record<string, number> = {
      ArrowDown: cur + 1,
      ArrowUp: cur - 1,
      Home: 0,
      End: props.count - 1,
      PageDown: cur + page,
      PageUp: cur - page,
    };
    if (e.key in keys) {
      e.preventDefault();
      move(keys[e.key]!);
    }
  };

  return (
    <div
      ref={parentRef}
      className="record-list"
      role="listbox"
      aria-label={props.label}
      tabIndex={0}
      aria-activedescendant={props.selected !== null ? `record-${props.selected}` : undefined}
      onKeyDown={onKeyDown}
      onScroll={(e) => {
        const el = e.currentTarget;
        atEnd.current = el.scrollTop + el.clientHeight >= el.scrollHeight - rowHeight * 2;
      }}
      data-testid="record-list"
      data-count={props.count}
      // As tall as its rows, up to the CSS max-height: a short request leaves no empty box.
      style={{ height: props.count * rowHeight + 2 }}
    >
      <div className="record-list__inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const r = props.recordAt(item.index).record;
          const level = severityLabel(r);
          const at = props.timeAt(item.index);
          const when = at !== null ? `${formatDateTime(at)}, ${formatAge(at)}` : 'no timestamp';
          return (
            <div
              key={item.key}
              id={`record-${item.index}`}
              role="option"
              aria-selected={item.index === props.selected}
              className={
                item.index === props.selected ? 'record-row record-row--selected' : 'record-row'
              }
              style={{ transform: `translateY(${item.start}px)`, height: rowHeight }}
              onClick={() => props.onSelect(item.index)}
              data-index={item.index}
            >
              <span className="record-row__index">{item.index + 1}</span>
              <span className="record-row__time" title={when}>
                <time dateTime={at !== null ? new Date(at).toISOString() : undefined}>
                  {at !== null ? formatRecordTime(at) : '—'}
                </time>
                <span className="visually-hidden">, {when}</span>
              </span>
              <span className={`record-row__level level--${level.toLowerCase().slice(0, 5)}`}>
                {level}
              </span>
              <span className="record-row__body" title={bodyPreview(r)}>
                {bodyPreview(r)}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
