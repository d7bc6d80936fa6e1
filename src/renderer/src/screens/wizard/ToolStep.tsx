import { useRef, type KeyboardEvent } from 'react';
import {
  destinationDefinitions,
  destinationTools,
  type DestinationTool,
} from '../../../../shared/destinations';
import { chooseTool, useDraft } from './draft';

/** Step 1: one tile per tool, in the order of the definitions; arrow keys move between tiles. */
export function ToolStep(props: { onChosen: () => void }) {
  const tool = useDraft((d) => d.tool);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (e: KeyboardEvent, i: number): void => {
    const n = destinationTools.length;
    const next =
      e.key === 'ArrowRight' || e.key === 'ArrowDown'
        ? (i + 1) % n
        : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? (i - 1 + n) % n
          : -1;
    if (next < 0) return;
    e.preventDefault();
    refs.current[next]?.focus();
  };
  const pick = (t: DestinationTool): void => {
    chooseTool(t);
    props.onChosen();
  };
  return (
    <div className="step step--tool">
      <p className="step__intro">Where should this stream send its logs?</p>
      <div className="tiles" role="group" aria-label="Destination tools">
        {destinationTools.map((t, i) => {
          const def = destinationDefinitions[t];
          return (
            <button
              key={t}
              ref={(el) => {
                refs.current[i] = el;
              }}
              type="button"
              className={t === tool ? 'tile tile--selected' : 'tile'}
              aria-pressed={t === tool}
              autoFocus={tool === null ? i === 0 : t === tool}
              onKeyDown={(e) => onKeyDown(e, i)}
              onClick={() => pick(t)}
              data-tool={t}
            >
              <span className={`tile__logo tile__logo--${t}`} aria-hidden="true">
                {def.label.slice(0, 1)}
              </span>
              <span className="tile__label">{def.label}</span>
              <span className="tile__summary">{def.summary}</span>
            </button>
          );
        })}
      </div>
    </div>
  );
}
