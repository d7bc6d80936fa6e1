// What the test suite needs from the system, and installing it when we can.
// The real keychain tests need keytar (built against libsecret) and a Secret
// Service (gnome-keyring on a D-Bus session bus); the end-to-end tests need
// Chromium. On Debian/Ubuntu as root we install them; otherwise we print the
// exact command and stop.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { projectRoot } from './ensure-built.mjs';

export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const aptPackages = ['libsecret-1-dev', 'gnome-keyring', 'dbus', 'chromium'];

function onPath(cmd) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => existsSync(join(dir, cmd)));
}

function keytarLoads() {
  // In a child process: a half-built native module must not take this one down.
  const code = `require(${JSON.stringify(join(projectRoot, 'node_modules', 'keytar'))})`;
  return spawnSync(process.execPath, ['-e', code], { stdio: 'ignore' }).status === 0;
}

export function missingSystemParts() {
  const missing = [];
  if (!onPath('dbus-run-session')) missing.push('dbus-run-session (package dbus)');
  if (!onPath('gnome-keyring-daemon')) missing.push('gnome-keyring-daemon (package gnome-keyring)');
  if (!existsSync(chromiumPath)) missing.push(`Chromium at ${chromiumPath} (package chromium)`);
  if (!keytarLoads()) missing.push('the keytar module (needs libsecret-1-dev, then npm install)');
  return missing;
}

function run(cmd, args, opts = {}) {
  process.stderr.write(`$ ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  return r.status === 0;
}

export function ensureSystem() {
  let missing = missingSystemParts();
  if (missing.length === 0) return;
  process.stderr.write(`The tests need: ${missing.join('; ')}.\n`);
  const isRoot = process.getuid?.() === 0;
  const manual = `sudo apt-get update && sudo apt-get install -y ${aptPackages.join(' ')} && npm install`;
  if (!isRoot || !onPath('apt-get')) {
    process.stderr.write(`Install them, then run npm test again:\n  ${manual}\n`);
    process.exit(1);
  }
  process.stderr.write('Installing them with apt-get (running as root)…\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const ok =
    run('apt-get', ['update', '-qq'], { env }) &&
    run('apt-get', ['install', '-y', '-qq', ...aptPackages], { env });
  if (!ok) {
    process.stderr.write(
      `apt-get failed. Install the packages yourself, then run npm test again:\n  ${manual}\n`,
    );
    process.exit(1);
  }
  if (!keytarLoads()) {
    // keytar is an optional dependency: npm skipped it when libsecret was
    // missing. A plain install brings it back and builds it.
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    run(npm, ['install', '--no-audit', '--no-fund'], { cwd: projectRoot });
  }
  missing = missingSystemParts();
  if (missing.length > 0) {
    process.stderr.write(
      `Still missing: ${missing.join('; ')}.\nInstall them, then run npm test again:\n  ${manual}\n`,
    );
    process.exit(1);
  }
}
