import { useState } from 'react';
import { formatCount } from '../lib/format';
import { CopyButton } from './CopyButton';

/** Beyond this many characters or lines a value is shown clamped, with "Show all". */
const maxChars = 600;
const maxLines = 8;

function clamp(text: string): string {
  const lines = text.split('\n');
  const head = lines.length > maxLines ? lines.slice(0, maxLines).join('\n') : text;
  return head.length > maxChars ? head.slice(0, maxChars) : head;
}

/**
 * A value as stored or sent, in monospace, wrapped. A long one (a 5,000
 * character log line) shows its beginning with "Show all (N characters)"
 * and a Copy button, so one record cannot make the page thousands of
 * pixels tall; the whole value is in the DOM only when asked for.
 */
export function ClampedText(props: { text: string; what: string; className?: string }) {
  const [all, setAll] = useState(false);
  const long = props.text.length > maxChars || props.text.split('\n').length > maxLines;
  const shown = long && !all ? `${clamp(props.text)}…` : props.text;
  return (
    <div className={`clamped ${props.className ?? ''}`}>
      <pre className="inline-pre clamped__text">{shown}</pre>
      {long ? (
        <div className="clamped__actions">
          <button
            type="button"
            className="link-button"
            aria-expanded={all}
            onClick={() => setAll(!all)}
          >
            {all ? 'Show less' : `Show all (${formatCount(props.text.length)} characters)`}
          </button>
          <CopyButton text={props.text} what={props.what} />
        </div>
      ) : null}
    </div>
  );
}
