import { useEffect, useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

/**
 * A modal dialog on the native <dialog>: showModal() makes everything behind
 * it inert (focus stays inside) and Esc fires "cancel", which closes it
 * through onClose. Focus returns to what had it before. It is rendered at
 * the end of <body>, so a dialog opened from inside a form is not part of it.
 */
export function Dialog(props: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  actions?: ReactNode;
  wide?: boolean;
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { open, onClose } = props;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      const previous = document.activeElement as HTMLElement | null;
      dialog.showModal();
      return () => {
        if (dialog.open) dialog.close();
        previous?.focus?.();
      };
    }
    return undefined;
  }, [open]);

  if (!open) return null;
  return createPortal(
    <dialog
      ref={ref}
      className={props.wide ? 'dialog dialog--wide' : 'dialog'}
      aria-labelledby={titleId}
      data-testid={props.testId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId} className="dialog__title">
        {props.title}
      </h2>
      <div className="dialog__body">{props.children}</div>
      {props.actions ? <div className="dialog__actions">{props.actions}</div> : null}
    </dialog>,
    document.body,
  );
}
