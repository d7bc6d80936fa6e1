import { create } from 'zustand';
import { Button } from './Button';
import { Dialog } from './Dialog';

interface ConfirmRequest {
  title: string;
  message: string;
  confirmLabel: string;
  cancelLabel: string;
  danger: boolean;
  resolve: (ok: boolean) => void;
}

const useConfirm = create<{ request: ConfirmRequest | null }>(() => ({ request: null }));

/** Asks the user; resolves true for the confirming button, false for cancel or Esc. */
export function confirmAction(options: {
  title: string;
  message: string;
  confirmLabel: string;
  cancelLabel?: string;
  danger?: boolean;
}): Promise<boolean> {
  return new Promise((resolve) => {
    useConfirm.getState().request?.resolve(false);
    useConfirm.setState({
      request: {
        title: options.title,
        message: options.message,
        confirmLabel: options.confirmLabel,
        cancelLabel: options.cancelLabel ?? 'Cancel',
        danger: options.danger ?? false,
        resolve,
      },
    });
  });
}

/** Rendered once in App: the dialog every confirmAction() shows. */
export function ConfirmHost() {
  const request = useConfirm((s) => s.request);
  const answer = (ok: boolean): void => {
    request?.resolve(ok);
    useConfirm.setState({ request: null });
  };
  return (
    <Dialog
      open={request !== null}
      title={request?.title ?? ''}
      onClose={() => answer(false)}
      testId="confirm-dialog"
      actions={
        <>
          <Button onClick={() => answer(false)}>{request?.cancelLabel ?? 'Cancel'}</Button>
          <Button
            variant={request?.danger ? 'danger' : 'primary'}
            onClick={() => answer(true)}
            autoFocus
          >
            {request?.confirmLabel ?? 'OK'}
          </Button>
        </>
      }
    >
      <p className="dialog__message">{request?.message}</p>
    </Dialog>
  );
}
