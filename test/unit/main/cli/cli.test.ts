import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../src/main/cli/main';
import type { CliIo } from '../../../../src/main/cli/command';

export function captureIo(
  env: NodeJS.ProcessEnv = {},
): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    readStdin: async () => Buffer.alloc(0),
    env,
    cwd: process.cwd(),
    stopSignal: new Promise(() => {}),
    out: () => out,
    err: () => err,
  };
}

describe('sluice command line', () => {
  it('lists its commands with --help', async () => {
    const io = captureIo();
    expect(await runCli(['--help'], io)).toBe(0);
    expect(io.out()).toMatch(/Usage: sluice <command>/);
    expect(io.out()).toMatch(/^ {2}serve +Run the engine headless/m);
  });

  it('shows a command help with --help and with "help <command>"', async () => {
    const a = captureIo();
    expect(await runCli(['serve', '--help'], a)).toBe(0);
    expect(a.out()).toContain('--port N');
    const b = captureIo();
    expect(await runCli(['help', 'serve'], b)).toBe(0);
    expect(b.out()).toBe(a.out());
  });

  it('exits 2 with one line for an unknown command', async () => {
    const io = captureIo();
    expect(await runCli(['frobnicate'], io)).toBe(2);
    expect(io.err()).toBe(
      'sluice: unknown command "frobnicate". Run "sluice --help" to see the commands.\n',
    );
  });

  it('exits 2 naming the bad option value, without a stack trace', async () => {
    const io = captureIo();
    expect(await runCli(['serve', '--port', 'eighty'], io)).toBe(2);
    expect(io.err()).toContain('--port must be a port number from 0 to 65535');
    expect(io.err()).not.toMatch(/\n\s+at /);
    const unknown = captureIo();
    expect(await runCli(['serve', '--colour'], unknown)).toBe(2);
    expect(unknown.err()).toContain("Unknown option '--colour'");
  });

  it('checks the metrics options of run before starting anything', async () => {
    const port = captureIo();
    expect(await runCli(['run', '--metrics-port', '99999'], port)).toBe(2);
    expect(port.err()).toContain('--metrics-port must be a port number from 0 to 65535');
    const address = captureIo();
    expect(await runCli(['run', '--metrics-address', '0.0.0.0'], address)).toBe(2);
    expect(address.err()).toContain('--metrics-address goes with --metrics-port.');
    const check = captureIo();
    expect(await runCli(['streams', 'status', 'a', 'b', '--check'], check)).toBe(2);
    expect(check.err()).toContain('status takes at most one stream NAME');
  });
});
