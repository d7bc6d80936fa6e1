import { InputError, UsageError, type Command, type CliIo } from './command';
import { processIo } from './io';
import { benchCommand } from './commands/bench';
import { dynatraceLocalCommand } from './commands/dynatrace-local';
import { inspectCommand } from './commands/inspect';
import { serveCommand } from './commands/serve';
import { runCommand } from './commands/run';
import { streamsCommand } from './commands/streams';
import { appVersion } from '../base/version';

export const commands: Command[] = [
  runCommand,
  serveCommand,
  streamsCommand,
  inspectCommand,
  dynatraceLocalCommand,
  benchCommand,
];

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Usage: sluice <command> [options]

Sluice streams application logs to Dynatrace and other APM tools over OTLP,
with a durable buffer and a record inspector.

Commands:
${lines.join('\n')}

Run "sluice <command> --help" for a command's options.
`;
}

/** Runs one CLI invocation and returns its exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? commands.find((c) => c.name === rest[0]) : undefined;
    io.stdout(topic ? topic.help : overview());
    return 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${appVersion}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`sluice: unknown command "${name}". Run "sluice --help" to see the commands.\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.help);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(
        `sluice ${command.name}: ${err.message}\nRun "sluice ${command.name} --help" for usage.\n`,
      );
      return 2;
    }
    if (err instanceof InputError) {
      io.stderr(`sluice ${command.name}: ${err.message}\n`);
      return 2;
    }
    // A person reads this: the message, not a stack (SLUICE_DEBUG=1 shows it).
    io.stderr(`sluice ${command.name}: ${(err as Error).message ?? String(err)}\n`);
    if (io.env.SLUICE_DEBUG) io.stderr(`${(err as Error).stack ?? ''}\n`);
    return 1;
  }
}

export { processIo };
