import { create } from 'zustand';

export const screens = ['streams', 'inspector', 'settings'] as const;
export type Screen = (typeof screens)[number];

function fromHash(): Screen {
  const name = location.hash.replace(/^#\/?/, '').split('/')[0];
  return (screens as readonly string[]).includes(name ?? '') ? (name as Screen) : 'streams';
}

/** The current screen lives in the URL hash, so reload and back/forward work. */
export const useNavigation = create<{ screen: Screen }>(() => ({ screen: fromHash() }));

export function navigate(screen: Screen): void {
  if (fromHash() !== screen) location.hash = `#/${screen}`;
  useNavigation.setState({ screen });
}

window.addEventListener('hashchange', () => useNavigation.setState({ screen: fromHash() }));
