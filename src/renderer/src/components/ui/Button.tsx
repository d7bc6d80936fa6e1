import type { ButtonHTMLAttributes, ReactNode } from 'react';
import {
  blockedReason as engineBlockedReason,
  connectionState,
  useConnection,
} from '../../store/connection';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: 'normal' | 'small';
  /** Shows a spinner and disables the button while an action runs. */
  busy?: boolean;
  /**
   * Why the action cannot run now (e.g. the engine is not connected): the
   * button stays focusable, is announced as unavailable, does nothing, and
   * says why on hover.
   */
  blockedReason?: string | null;
  /** The action is a request to the engine: blocked, with the reason, while it is not connected. */
  needsEngine?: boolean;
  children: ReactNode;
}

/** The one button: every action in the app looks and behaves alike. */
export function Button({
  variant = 'secondary',
  size = 'normal',
  busy = false,
  className,
  disabled,
  children,
  type = 'button',
  blockedReason = null,
  needsEngine = false,
  onClick,
  title,
  ...rest
}: ButtonProps) {
  const engineState = useConnection(connectionState);
  const blocked = blockedReason ?? (needsEngine ? engineBlockedReason(engineState) : null);
  const classes = ['btn', `btn--${variant}`, size === 'small' ? 'btn--small' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  return (
    <button
      type={type}
      className={classes}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      aria-disabled={blocked ? true : undefined}
      title={blocked ?? title}
      onClick={blocked ? (e) => e.preventDefault() : onClick}
      {...rest}
    >
      {busy ? <span className="spinner" aria-hidden="true" /> : null}
      {children}
    </button>
  );
}
