import { describe, expect, it } from 'vitest';
import { keychainCause, keychainMessage } from '../../../../src/main/secrets/keychain-cause';

describe('what libsecret said, read as a cause', () => {
  it.each([
    ['Failed to execute child process “dbus-launch” (No such file or directory)', 'no-dbus'],
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'no-dbus'],
    ['Could not connect: No such file or directory', 'no-dbus'],
    ['The given address is empty', 'no-dbus'],
    [
      'The name org.freedesktop.secrets was not provided by any .service files',
      'no-secret-service',
    ],
    ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', 'locked'],
    ['Cannot create an item in a locked collection', 'locked'],
    ['Something else entirely', 'unknown'],
  ] as const)('%s: %s', (detail, cause) => {
    expect(keychainCause(detail)).toBe(cause);
  });

  it('names the real problem for each cause, and always the environment variable', () => {
    const noBus = keychainMessage('no-dbus', 'x', {});
    expect(noBus).toContain('DBUS_SESSION_BUS_ADDRESS is not set');
    expect(noBus).not.toContain('apt-get install gnome-keyring');
    expect(keychainMessage('no-dbus', 'x', { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/x' })).toContain(
      'points to unix:path=/x',
    );
    expect(keychainMessage('no-secret-service', 'x')).toContain('apt-get install gnome-keyring');
    expect(keychainMessage('locked', 'x')).toContain('--unlock');
    for (const cause of [
      'no-dbus',
      'no-secret-service',
      'locked',
      'not-installed',
      'unknown',
    ] as const) {
      expect(keychainMessage(cause, 'x')).toMatch(/environment variable/);
    }
  });
});
