#!/usr/bin/env node
// The `sluice` command. Builds first when running from a source checkout
// whose build is missing or stale, then runs out/main/cli.js.
import { ensureBuilt } from '../scripts/lib/ensure-built.mjs';

ensureBuilt({ quiet: true });
const { runCli, processIo } = await import('../out/main/cli.js');
const code = await runCli(process.argv.slice(2), processIo());
process.exitCode = code;
// Commands close what they open; this only ends a process something else keeps alive.
setTimeout(() => process.exit(code), 2_000).unref();
