import type { KeychainCause } from '../../shared/api/engine';

/**
 * Why keytar failed, read from what libsecret and D-Bus said, and what to
 * do about it. The earlier single hint ("install gnome-keyring") was wrong
 * on the commonest headless machine: gnome-keyring installed, but no D-Bus
 * session for Sluice to reach it by.
 */

/** The way round any of these: the configuration file's environment-variable credential. */
export const environmentAlternative =
  'Until then, a stream can read its token from an environment variable instead: choose ' +
  '"Environment variable" at the token field, or write {"env": "DT_API_TOKEN"} in a configuration ' +
  'file (docs/config.md), and start Sluice with that variable set.';

export const notInstalledMessage =
  'The OS keychain library (keytar) is not installed, so API tokens cannot be saved in the keychain. ' +
  'On Linux install libsecret-1-dev (Debian/Ubuntu: sudo apt-get install libsecret-1-dev), ' +
  `then run npm install again. ${environmentAlternative}`;

export function keychainCause(detail: string): KeychainCause {
  if (
    /dbus-launch|autolaunch D-Bus|Could not connect|DBUS_SESSION_BUS_ADDRESS|Failed to connect to socket|address is empty/i.test(
      detail,
    )
  )
    return 'no-dbus';
  if (
    /org\.freedesktop\.secrets was not provided|ServiceUnknown|not provided by any \.service/i.test(
      detail,
    )
  )
    return 'no-secret-service';
  if (
    /collection\/login|locked|prompt|dismissed|No such secret collection|default collection/i.test(
      detail,
    )
  )
    return 'locked';
  return 'unknown';
}

/** The sentence for a keychain that failed with `detail`. */
export function keychainMessage(
  cause: KeychainCause,
  detail: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const said = ` (it said: ${detail})`;
  switch (cause) {
    case 'no-dbus': {
      const bus = env.DBUS_SESSION_BUS_ADDRESS;
      const where = bus
        ? `DBUS_SESSION_BUS_ADDRESS points to ${bus}, where no bus answers`
        : 'DBUS_SESSION_BUS_ADDRESS is not set';
      return (
        `The OS keychain cannot be reached: this Sluice has no D-Bus session bus (${where}), and the ` +
        'Secret Service (gnome-keyring) is reached only through one, even when it is installed. Start Sluice ' +
        'from a desktop session, or give it a session of its own: dbus-run-session -- sluice serve, with the ' +
        `keyring unlocked inside it. ${environmentAlternative}`
      );
    }
    case 'no-secret-service':
      return (
        'The OS keychain cannot be reached: a D-Bus session runs, but nothing provides the Secret Service on ' +
        'it. Install and start gnome-keyring (Debian/Ubuntu: sudo apt-get install gnome-keyring) or another ' +
        `Secret Service such as KeePassXC${said}. ${environmentAlternative}`
      );
    case 'locked':
      return (
        'The OS keychain answers, but its default keyring is locked or was never created (common without a ' +
        'desktop login). Log in to a desktop session once, or unlock it for this session: ' +
        `echo -n PASSWORD | gnome-keyring-daemon --unlock --components=secrets${said}. ${environmentAlternative}`
      );
    case 'not-installed':
      return notInstalledMessage;
    default:
      return `The OS keychain cannot be used${said}. ${environmentAlternative}`;
  }
}
