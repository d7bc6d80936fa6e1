import { useEffect } from 'react';
import { ConnectionIndicator } from './components/ConnectionIndicator';
import { RestartedNotice, StaleBanner } from './components/LiveState';
import { Nav, navShortcuts } from './components/Nav';
import { ConfirmHost } from './components/ui/confirm';
import { Toasts } from './components/ui/Toasts';
import { InspectorScreen } from './screens/inspector/InspectorScreen';
import { SettingsScreen } from './screens/settings/SettingsScreen';
import { StreamsScreen } from './screens/StreamsScreen';
import { navigate, useNavigation, type Route } from './store/navigation';
import { refreshAppInfo } from './store/app-info';
import { connectionState, useConnection } from './store/connection';
import { useStreams } from './store/streams';

function useTitle(route: Route): string {
  const streamName = useStreams((s) =>
    route.streamId ? (s.streams.find((x) => x.id === route.streamId)?.name ?? null) : null,
  );
  if (route.screen === 'settings') return 'Settings';
  if (route.screen === 'inspector') return 'Record inspector';
  if (route.view === 'new') return 'Create stream';
  if (route.view === 'edit') return streamName ? `Edit ${streamName}` : 'Edit stream';
  if (route.streamId) return streamName ?? 'Stream';
  return 'Streams';
}

export function App() {
  const route = useNavigation();
  const title = useTitle(route);
  const expired = useConnection((s) => connectionState(s) === 'expired');

  // The data folder is named when sluice serve restarts (where its new link is).
  useEffect(() => {
    void refreshAppInfo();
  }, []);

  useEffect(() => {
    document.title = `${title} · Sluice`;
  }, [title]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const item = navShortcuts.find((i) => i.key === e.key);
      if (item) {
        e.preventDefault();
        navigate(item.screen);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app__header">
        <div className="brand" aria-label="Sluice">
          <span className="brand__mark" aria-hidden="true" />
          Sluice
        </div>
        <ConnectionIndicator />
      </header>
      <aside className="app__sidebar">
        <Nav />
      </aside>
      <main id="main" className="app__main" tabIndex={-1}>
        {expired ? (
          <RestartedNotice />
        ) : (
          <>
            <StaleBanner />
            <h1 className="screen-title">{title}</h1>
            {route.screen === 'streams' ? <StreamsScreen /> : null}
            {route.screen === 'inspector' ? <InspectorScreen /> : null}
            {route.screen === 'settings' ? <SettingsScreen /> : null}
          </>
        )}
      </main>
      <Toasts />
      <ConfirmHost />
    </div>
  );
}
