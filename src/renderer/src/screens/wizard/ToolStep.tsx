import { useId, useRef, type KeyboardEvent } from 'react';
import {
  destinationDefinitions,
  destinationTools,
  type DestinationTool,
} from '../../../../shared/destinations';
import { chooseTool, useDraft } from './draft';

/**
 * Step 1: one tile per tool, in the order of the definitions, as a labelled
 * radio group (WAI-ARIA radio group pattern): each tile is announced by the
 * tool's name, with its summary as the description; Tab reaches the group
 * once, arrow keys move the choice, Enter, Space or a click chooses and
 * goes on to the destination details.
 */
export function ToolStep(props: { onChosen: () => void }) {
  const tool = useDraft((d) => d.tool);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const idBase = useId();
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
    chooseTool(destinationTools[next]!);
    refs.current[next]?.focus();
  };
  const pick = (t: DestinationTool): void => {
    chooseTool(t);
    props.onChosen();
  };
  const focusable = tool ?? destinationTools[0];
  return (
    <div className="step step--tool">
      <p className="step__intro" id={`${idBase}-intro`}>
        Where should this stream send its logs?
      </p>
      <div
        className="tiles"
        role="radiogroup"
        aria-label="Destination tool"
        aria-describedby={`${idBase}-intro`}
      >
        {destinationTools.map((t, i) => {
          const def = destinationDefinitions[t];
          return (
            <button
              key={t}
              ref={(el) => {
                refs.current[i] = el;
              }}
              type="button"
              role="radio"
              aria-checked={t === tool}
              aria-label={def.label}
              aria-describedby={`${idBase}-${t}`}
              tabIndex={t === focusable ? 0 : -1}
              className={t === tool ? 'tile tile--selected' : 'tile'}
              autoFocus={t === focusable}
              onKeyDown={(e) => onKeyDown(e, i)}
              onClick={() => pick(t)}
              data-tool={t}
            >
              <span className={`tile__logo tile__logo--${t}`} aria-hidden="true">
                {def.label.slice(0, 1)}
              </span>
              <span className="tile__label">{def.label}</span>
              <span className="tile__summary" id={`${idBase}-${t}`}>
                {def.summary}
              </span>
            </button>
          );
        })}
      </div>
    </div>
  );
}
