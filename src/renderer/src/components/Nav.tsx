import { navigate, useNavigation, type Screen } from '../store/navigation';

const items: { screen: Screen; label: string; key: string }[] = [
  { screen: 'streams', label: 'Streams', key: '1' },
  { screen: 'inspector', label: 'Inspector', key: '2' },
  { screen: 'settings', label: 'Settings', key: '3' },
];

/** Primary navigation; Alt+1..3 jump between screens (see App's key handler). */
export function Nav() {
  const current = useNavigation((s) => s.screen);
  return (
    <nav className="nav" aria-label="Main">
      <ul>
        {items.map((item) => (
          <li key={item.screen}>
            <a
              href={`#/${item.screen}`}
              className={item.screen === current ? 'nav__item nav__item--current' : 'nav__item'}
              aria-current={item.screen === current ? 'page' : undefined}
              aria-keyshortcuts={`Alt+${item.key}`}
              onClick={(e) => {
                e.preventDefault();
                navigate(item.screen);
              }}
            >
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export const navShortcuts = items;
