import { create } from 'zustand';
import type { AppInfo } from '../../../shared/api/engine';
import { api } from '../api';
import { messageOf } from './errors';

interface AppInfoStore {
  info: AppInfo | null;
  error: string | null;
}

export const useAppInfo = create<AppInfoStore>(() => ({ info: null, error: null }));

export async function refreshAppInfo(): Promise<void> {
  try {
    useAppInfo.setState({ info: await api.request('app.info'), error: null });
  } catch (err) {
    useAppInfo.setState({ error: messageOf(err) });
  }
}
