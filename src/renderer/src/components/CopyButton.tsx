import { useEffect, useState } from 'react';

/** Puts text on the clipboard; where the Clipboard API is refused, the old selection way. */
async function writeClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'visually-hidden';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

/**
 * "Copy", then "Copied" (or why not) for two seconds, announced politely.
 * `what` names the text for screen readers: "Copy the DQL query".
 */
export function CopyButton(props: { text: string; what: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), 2_000);
    return () => clearTimeout(t);
  }, [state]);
  return (
    <button
      type="button"
      className="btn btn--small btn--secondary copy-button"
      aria-label={`Copy ${props.what}`}
      onClick={() =>
        void writeClipboard(props.text).then((ok) => setState(ok ? 'copied' : 'failed'))
      }
      data-testid="copy-button"
    >
      <span aria-live="polite">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed: select it' : 'Copy'}
      </span>
    </button>
  );
}
