import { create } from 'zustand';
import type { AppSettings } from '../../../shared/api/settings';
import { api } from '../api';
import { messageOf } from './errors';

export type Theme = AppSettings['theme'];

interface SettingsStore {
  settings: AppSettings | null;
  error: string | null;
  /** The theme in effect once "system" is resolved: what the charts paint with. */
  resolvedTheme: 'light' | 'dark';
}

const dark = window.matchMedia('(prefers-color-scheme: dark)');

function resolve(theme: Theme): 'light' | 'dark' {
  if (theme === 'system') return dark.matches ? 'dark' : 'light';
  return theme;
}

export const useSettings = create<SettingsStore>(() => ({
  settings: null,
  error: null,
  resolvedTheme: resolve('system'),
}));

/** data-theme on <html> selects the variables in styles/theme.css; none follows the system. */
export function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
  useSettings.setState({ resolvedTheme: resolve(theme) });
}

function accept(settings: AppSettings): void {
  useSettings.setState({ settings, error: null });
  applyTheme(settings.theme);
}

export async function refreshSettings(): Promise<void> {
  try {
    accept(await api.request('settings.get'));
  } catch (err) {
    useSettings.setState({ error: messageOf(err) });
  }
}

/**
 * Saves a change to the engine-wide settings; throws the engine's message for
 * the caller to show. The change shows at once and is undone if refused.
 */
export async function updateSettings(patch: Partial<AppSettings>): Promise<AppSettings> {
  const current = useSettings.getState().settings ?? (await api.request('settings.get'));
  accept({ ...current, ...patch });
  try {
    const saved = await api.request('settings.update', { ...current, ...patch });
    accept(saved);
    return saved;
  } catch (err) {
    accept(current);
    throw err;
  }
}

let started = false;

export function startSettings(): void {
  if (started) return;
  started = true;
  void refreshSettings();
  api.on('settings.changed', accept);
  dark.addEventListener('change', () => {
    const theme = useSettings.getState().settings?.theme ?? 'system';
    useSettings.setState({ resolvedTheme: resolve(theme) });
  });
}
