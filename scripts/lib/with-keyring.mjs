// Runs a command with a fresh, unlocked gnome-keyring on the current D-Bus
// session bus (start it under dbus-run-session). The keyring lives in a
// temporary folder so tests never touch the user's own keyring.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [cmd, ...args] = process.argv.slice(2);
if (!cmd) {
  process.stderr.write('usage: with-keyring.mjs COMMAND [ARGS...]\n');
  process.exit(2);
}

const keyringHome = mkdtempSync(join(tmpdir(), 'sluice-keyring-'));
const daemon = spawnSync('gnome-keyring-daemon', ['--unlock', '--components=secrets'], {
  input: 'sluice-test-keyring',
  env: { ...process.env, XDG_DATA_HOME: keyringHome },
  encoding: 'utf8',
});
if (daemon.status !== 0) {
  process.stderr.write(`gnome-keyring-daemon did not start: ${daemon.stderr}\n`);
  process.exit(1);
}

const child = spawn(cmd, args, {
  stdio: 'inherit',
  env: { ...process.env, SLUICE_TEST_KEYRING: '1' },
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => {
  rmSync(keyringHome, { recursive: true, force: true });
  process.exit(code ?? (signal ? 1 : 0));
});
