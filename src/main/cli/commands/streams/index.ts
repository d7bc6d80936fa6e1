import { UsageError, type CliIo, type Command } from '../../command';
import { listCommand, retryCommand, setActiveCommand, statusCommand, testCommand } from './actions';
import { dataDirHelp } from './common';
import { exportCommand, importCommand } from './transfer';

const HELP = `Usage: sluice streams <command> [options]

Streams from the command line and configuration files (docs/config.md).
When a Sluice runs on the data folder (sluice run, sluice serve or the
desktop app), the command asks it; otherwise it opens the data folder itself,
without starting any source or sending anything.

Commands:
  list                      Each stream: Active or Inactive, destination, sources
  status [NAME]             Status, rates, backlog and last error
  status [NAME] --check     Exit 0 when every active stream (or NAME) is healthy, else 1
                            with one line per unhealthy stream (docs/operations.md)
  test NAME                 Test stream: send one marked test record (exit 0 only on success)
  pause NAME                Make the stream Inactive: nothing is sent, records keep being buffered
  resume NAME               Make the stream Active again
  retry NAME                Retry now: a stopped stream (after a refused token, say) or one
                            waiting between retries sends at once
  export [--out FILE]       Print (or write) the configuration as JSON, with no secret in it
  export --format otelcol [--distribution dynatrace|contrib] [NAME...]
                            The streams (all, or those named) as an OpenTelemetry Collector
                            configuration; --format helm-values: values for its Helm chart
                            (docs/outgrowing.md)
  import FILE               Apply a configuration file, matching streams and sources by name

Options:
${dataDirHelp}
  --json             list, status, test, import: print JSON (shapes in docs/config.md)
  --check            status: a health check for scripts (exit 0 healthy, 1 not)
  --out FILE         export: write FILE instead of standard output
  --format F         export: json (default), otelcol or helm-values
  --distribution D   export --format otelcol|helm-values: dynatrace (default) or contrib
  --dry-run          import: print what would change, change nothing
  --token-stdin      import: read one token from standard input and keep it in the
                     keychain for the file's stream (with several streams: --stream NAME)
  -h, --help         Show this help

Exit status: 0 done; 1 failed (no such stream, the test failed, a stream is
unhealthy under --check, the data folder is in use by a Sluice that does not
answer); 2 bad usage or a refused file
(every problem listed by its place in the file; nothing changed).
`;

const subcommands: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  list: listCommand,
  status: statusCommand,
  test: testCommand,
  pause: setActiveCommand(false),
  resume: setActiveCommand(true),
  retry: retryCommand,
  export: exportCommand,
  import: importCommand,
};

export const streamsCommand: Command = {
  name: 'streams',
  summary: 'List, check, test, pause, resume and retry streams; export and import configuration',
  help: HELP,
  async run(args, io) {
    const [name, ...rest] = args;
    if (name === undefined)
      throw new UsageError(
        'name a command: list, status, test, pause, resume, retry, export or import.',
      );
    const sub = subcommands[name];
    if (!sub) {
      throw new UsageError(
        `unknown command "${name}"; expected list, status, test, pause, resume, retry, export or import.`,
      );
    }
    return sub(rest, io);
  },
};
