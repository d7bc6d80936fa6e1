import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type SyslogNg =
  { ok: true; binary: string; version: string } | { ok: false; reason: string };

const binary = '/usr/sbin/syslog-ng';
const packages = ['syslog-ng-core', 'syslog-ng-mod-http'];

function httpModulePresent(): boolean {
  try {
    return readdirSync('/usr/lib/syslog-ng').some((v) =>
      existsSync(join('/usr/lib/syslog-ng', v, 'libhttp.so')),
    );
  } catch {
    return false;
  }
}

function installed(): SyslogNg | null {
  if (!existsSync(binary) || !httpModulePresent()) return null;
  const out = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  const version = /syslog-ng \d+ \(([^)]+)\)/.exec(out.stdout)?.[1] ?? 'unknown version';
  return { ok: true, binary, version };
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? '';
}

/**
 * syslog-ng with its http destination, installed from Debian when missing
 * (`apt-get install syslog-ng-core syslog-ng-mod-http`, as root). The
 * comparison is skipped, with the reason, when that cannot be done.
 */
export function ensureSyslogNg(o: { install: boolean; log(line: string): void }): SyslogNg {
  const found = installed();
  if (found) return found;
  const command = `apt-get install -y ${packages.join(' ')}`;
  if (!o.install)
    return {
      ok: false,
      reason: `syslog-ng is not installed (--quick does not install it: ${command})`,
    };
  if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get'))
    return {
      ok: false,
      reason: `syslog-ng is not installed and there is no apt-get here (${command})`,
    };
  if (process.getuid?.() !== 0)
    return { ok: false, reason: `syslog-ng is not installed; as root: ${command}` };
  o.log(`installing syslog-ng: ${command}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args: string[]) =>
    spawnSync('apt-get', args, { encoding: 'utf8', env, timeout: 600_000 });
  let r = apt(['install', '-y', '-qq', '--no-install-recommends', ...packages]);
  if (r.status !== 0) {
    // A fresh machine may have no package lists yet.
    apt(['update', '-qq']);
    r = apt(['install', '-y', '-qq', '--no-install-recommends', ...packages]);
  }
  if (r.status !== 0)
    return { ok: false, reason: `installing syslog-ng failed: ${lastLine(r.stderr || r.stdout)}` };
  return (
    installed() ?? { ok: false, reason: 'syslog-ng was installed but its http module is missing' }
  );
}

export interface SyslogNgRun {
  pid: number;
  /** CPU time of the process so far (all threads), microseconds. */
  cpuUs(): number;
  stop(): Promise<void>;
  output(): string;
}

/**
 * Runs syslog-ng in the foreground with its own configuration, persist file
 * and control socket in `dir` (never the system's): a file source read from
 * the start, JSON parsing, a reliable disk buffer, and the http destination
 * posting batches of newline-separated JSON records.
 */
export function startSyslogNg(o: {
  binary: string;
  dir: string;
  file: string;
  url: string;
}): SyslogNgRun {
  const conf = join(o.dir, 'syslog-ng.conf');
  writeFileSync(conf, config(o));
  const child = spawn(
    o.binary,
    [
      '-F',
      '-e',
      '--no-caps',
      '-f',
      conf,
      '-R',
      join(o.dir, 'persist'),
      '-p',
      join(o.dir, 'pid'),
      '-c',
      join(o.dir, 'ctl'),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (c: Buffer) => {
    output = (output + c.toString()).slice(-4_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    pid: child.pid ?? -1,
    cpuUs() {
      try {
        const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return (Number(f[11]) + Number(f[12])) * 10_000;
      } catch {
        return 0;
      }
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
    output: () => output,
  };
}

function config(o: { dir: string; file: string; url: string }): string {
  // Batches as large as Sluice's (up to 2 MB), a disk buffer big enough for
  // the whole file, flow control so nothing is dropped while it fills.
  return `@version: 3.38
options { threaded(yes); stats-freq(0); log-msg-size(262144); };
source s_app {
  file("${o.file}" flags(no-parse) follow-freq(0.5) log-fetch-limit(1000) log-iw-size(100000));
};
parser p_json { json-parser(prefix(".json.")); };
destination d_http {
  http(
    url("${o.url}/syslog-ng")
    method("POST")
    headers("Content-Type: application/x-ndjson")
    body("$(format-json --key .json.* --shift 6)")
    batch-lines(5000)
    batch-bytes(2000000)
    batch-timeout(200)
    disk-buffer(reliable(yes) disk-buf-size(4294967296) mem-buf-size(16777216) dir("${o.dir}"))
  );
};
log { source(s_app); parser(p_json); destination(d_http); flags(flow-control); };
`;
}
