import type { Prng } from './prng';

/** An exception as OTLP carries it (semantic conventions exception.*). */
export interface SampleException {
  type: string;
  message: string;
  stacktrace: string;
}

/** .NET-style (OutSystems 11 runs on .NET), as Exception.ToString() prints it. */
function dotnet(rng: Prng, module: string, action: string): SampleException {
  const deadlock = rng.chance(0.5);
  const type = deadlock ? 'System.Data.SqlClient.SqlException' : 'System.NullReferenceException';
  const message = deadlock
    ? `Transaction (Process ID ${rng.int(50, 300)}) was deadlocked on lock resources with another process and has been chosen as the deadlock victim. Rerun the transaction.`
    : 'Object reference not set to an instance of an object.';
  const frames = deadlock
    ? [
        'System.Data.SqlClient.SqlConnection.OnError(SqlException exception, Boolean breakConnection, Action`1 wrapCloseInAction)',
        'System.Data.SqlClient.TdsParser.TryRun(RunBehavior runBehavior, SqlCommand cmdHandler, SqlDataReader dataStream)',
        'System.Data.SqlClient.SqlCommand.ExecuteNonQuery()',
        'OutSystems.HubEdition.DatabaseAbstractionLayer.Command.ExecuteNonQuery(String description, Boolean isApplication)',
      ]
    : ['OutSystems.RuntimeCommon.ObjectExtensions.ToText(Object value)'];
  const lines = [
    `${type}${deadlock ? ' (0x80131904)' : ''}: ${message}`,
    ...frames.map((f) => `   at ${f}`),
    `   at ss${module}.Actions.Action${action}(HeContext heContext, Int64 inParamId)`,
    `   at ss${module}.Flows.FlowMain.Scrn${action}.Command${action}(HeContext heContext)`,
    '   at OutSystems.HubEdition.RuntimePlatform.Web.ScreenServices.Invoke(HeContext heContext)',
  ];
  if (deadlock)
    lines.push(
      `ClientConnectionId:${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`,
    );
  return { type, message, stacktrace: lines.join('\n') };
}

/** Java-style, as Throwable.printStackTrace() prints it (an integration with a Java service). */
function java(rng: Prng, module: string): SampleException {
  const type = 'org.springframework.web.client.ResourceAccessException';
  const url = `https://warehouse.internal/api/${module.toLowerCase()}/sync`;
  const message = `I/O error on POST request for "${url}": Read timed out`;
  const lines = [
    `${type}: ${message}`,
    '\tat org.springframework.web.client.RestTemplate.doExecute(RestTemplate.java:915)',
    '\tat org.springframework.web.client.RestTemplate.execute(RestTemplate.java:872)',
    `\tat com.example.warehouse.${module}Client.sync(${module}Client.java:${rng.int(40, 400)})`,
    '\tat com.example.warehouse.SyncJob.run(SyncJob.java:57)',
    'Caused by: java.net.SocketTimeoutException: Read timed out',
    '\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)',
    '\tat java.base/java.net.Socket$SocketInputStream.read(Socket.java:1099)',
    `\t... ${rng.int(10, 40)} more`,
  ];
  return { type, message, stacktrace: lines.join('\n') };
}

export function sampleException(rng: Prng, module: string, action: string): SampleException {
  return rng.chance(0.7) ? dotnet(rng, module, action) : java(rng, module);
}
