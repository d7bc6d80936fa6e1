import { useEffect } from 'react';
import { frontDoor } from '../api';
import { refreshAppInfo, useAppInfo } from '../store/app-info';

export function SettingsScreen() {
  const { info, error } = useAppInfo();
  useEffect(() => {
    void refreshAppInfo();
  }, []);

  if (error)
    return (
      <div className="notice notice--error" role="alert">
        {error}
      </div>
    );
  if (!info) return <p className="muted">Loading…</p>;
  return (
    <div className="settings">
      {!info.keychain.available ? (
        <div className="notice notice--warning" role="alert" data-testid="keychain-warning">
          <strong>The OS keychain is not available.</strong> {info.keychain.message}
        </div>
      ) : null}
      <dl className="facts">
        <dt>Version</dt>
        <dd>{info.version}</dd>
        <dt>Data folder</dt>
        <dd>
          <code>{info.dataDir}</code>
        </dd>
        <dt>Keychain</dt>
        <dd>
          {info.keychain.available
            ? 'Available: API tokens are stored in the OS keychain.'
            : 'Unavailable'}
        </dd>
        <dt>Window</dt>
        <dd>{frontDoor === 'desktop' ? 'Desktop app' : 'Browser (sluice serve)'}</dd>
        <dt>Platform</dt>
        <dd>
          {info.platform}, Node {info.nodeVersion}
        </dd>
      </dl>
    </div>
  );
}
