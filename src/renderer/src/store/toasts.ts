import { create } from 'zustand';

export interface Toast {
  id: number;
  kind: 'success' | 'info' | 'error';
  message: string;
}

interface ToastStore {
  toasts: Toast[];
}

export const useToasts = create<ToastStore>(() => ({ toasts: [] }));

let nextId = 1;

/** A short, polite confirmation of what just happened; errors stay longer. */
export function toast(message: string, kind: Toast['kind'] = 'success'): void {
  const id = nextId++;
  useToasts.setState((s) => ({ toasts: [...s.toasts.slice(-3), { id, kind, message }] }));
  setTimeout(() => dismissToast(id), kind === 'error' ? 10_000 : 5_000);
}

export function dismissToast(id: number): void {
  useToasts.setState((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
}
