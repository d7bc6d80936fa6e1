import { useEffect } from 'react';
import { ConnectionIndicator } from './components/ConnectionIndicator';
import { Nav, navShortcuts } from './components/Nav';
import { InspectorScreen } from './screens/InspectorScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { StreamsScreen } from './screens/StreamsScreen';
import { navigate, useNavigation, type Screen } from './store/navigation';

const titles: Record<Screen, string> = {
  streams: 'Streams',
  inspector: 'Record inspector',
  settings: 'Settings',
};

export function App() {
  const screen = useNavigation((s) => s.screen);

  useEffect(() => {
    document.title = `${titles[screen]} · Sluice`;
  }, [screen]);

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
        <h1 className="screen-title">{titles[screen]}</h1>
        {screen === 'streams' ? <StreamsScreen /> : null}
        {screen === 'inspector' ? <InspectorScreen /> : null}
        {screen === 'settings' ? <SettingsScreen /> : null}
      </main>
    </div>
  );
}
