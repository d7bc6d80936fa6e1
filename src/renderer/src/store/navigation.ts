import { create } from 'zustand';

export const screens = ['streams', 'inspector', 'settings'] as const;
export type Screen = (typeof screens)[number];

/**
 * Where the user is. It lives in the URL hash, so reload and back/forward
 * work in both front doors:
 * #/streams, #/streams/new, #/streams/ID, #/streams/ID/edit,
 * #/inspector, #/inspector/ID, #/inspector/ID?rule=RULE, #/settings.
 */
export interface Route {
  screen: Screen;
  /** The stream a detail, edit or inspector view is about. */
  streamId: string | null;
  /** 'new' (wizard for a new stream) or 'edit' (wizard for streamId). */
  view: 'new' | 'edit' | null;
  /** Inspector: show only records under which Dynatrace would apply this rule. */
  rule: string | null;
}

export function parseHash(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const rule = new URLSearchParams(query).get('rule');
  const parts = path
    .split('/')
    .filter((p) => p !== '')
    .map((p) => decodeURIComponent(p));
  const screen = (screens as readonly string[]).includes(parts[0] ?? '')
    ? (parts[0] as Screen)
    : 'streams';
  if (screen === 'streams' && parts[1] === 'new')
    return { screen, streamId: null, view: 'new', rule: null };
  if (screen === 'settings') return { screen, streamId: null, view: null, rule: null };
  const streamId = parts[1] ?? null;
  const view = screen === 'streams' && streamId !== null && parts[2] === 'edit' ? 'edit' : null;
  return { screen, streamId, view, rule: screen === 'inspector' ? rule : null };
}

export function routeHash(route: Partial<Route> & { screen: Screen }): string {
  if (route.view === 'new') return '#/streams/new';
  const id = route.streamId ? `/${encodeURIComponent(route.streamId)}` : '';
  const edit = route.view === 'edit' && route.streamId ? '/edit' : '';
  const rule =
    route.screen === 'inspector' && route.rule ? `?rule=${encodeURIComponent(route.rule)}` : '';
  return `#/${route.screen}${id}${edit}${rule}`;
}

export const useNavigation = create<Route>(() => parseHash(location.hash));

export function navigate(screen: Screen, rest: Partial<Omit<Route, 'screen'>> = {}): void {
  const route: Route = {
    screen,
    streamId: rest.streamId ?? null,
    view: rest.view ?? null,
    rule: rest.rule ?? null,
  };
  const hash = routeHash(route);
  if (location.hash !== hash) location.hash = hash;
  useNavigation.setState(parseHash(hash));
}

export function openStream(id: string): void {
  navigate('streams', { streamId: id });
}

window.addEventListener('hashchange', () => useNavigation.setState(parseHash(location.hash)));
