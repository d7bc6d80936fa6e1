import type { RequestArgument } from '../../shared/api/contract';
import type { Stream } from '../../shared/api/streams';
import type { CompiledProcessing } from '../../shared/processing';
import type { TestStreamResult } from '../../shared/api/test-stream';
import { envValue } from '../catalog/credentials/credentials';
import { envNotSetResult, testStream } from '../destinations/connection-test';

export interface RunTestStreamDeps {
  stream(id: string): Stream;
  /** A saved stream's credentials, from the keychain or the environment. */
  readCredentials(stream: Stream): Promise<Record<string, string>>;
  /** Where the wizard's environment-variable credentials are read. */
  env: NodeJS.ProcessEnv;
  /** Writes the outcome to the stream's event log. */
  noteTest(streamId: string, result: TestStreamResult, of: string): void;
  /** The stream's processing rules compiled with its key (a new stream's with a temporary one). */
  compileProcessing(
    streamId: string | null,
    settings: Pick<Stream, 'processing' | 'delivery'>,
  ): Promise<CompiledProcessing | null>;
}

/**
 * "Test stream" for a saved stream, or for the wizard's unsaved settings.
 * When editing, credentials typed so far replace the stored ones (null
 * clears one); the wizard's "Environment variable" choice is read from the
 * engine's environment. The outcome goes to the stream's event log.
 */
export async function runTestStream(
  deps: RunTestStreamDeps,
  input: RequestArgument<'streams.test'>,
): Promise<TestStreamResult> {
  if ('id' in input) {
    const stream = deps.stream(input.id);
    const result = await testStream(stream.destination, await deps.readCredentials(stream), {
      streamName: stream.name,
      processing: await deps.compileProcessing(stream.id, stream),
    });
    deps.noteTest(stream.id, result, 'its saved settings');
    return result;
  }
  const stored = input.existingId ? await deps.readCredentials(deps.stream(input.existingId)) : {};
  const credentials: Record<string, string> = { ...stored };
  for (const [name, value] of Object.entries(input.credentials)) {
    if (value === null) delete credentials[name];
    else credentials[name] = value;
  }
  for (const [name, variable] of Object.entries(input.credentialEnv)) {
    const value = envValue(deps.env, variable);
    if (value === null) return envNotSetResult(variable);
    credentials[name] = value;
  }
  const result = await testStream(input.settings.destination, credentials, {
    streamName: input.settings.name,
    processing: await deps.compileProcessing(input.existingId, input.settings),
  });
  // A new stream has no log yet; an edited one gets the test of its unsaved settings.
  if (input.existingId) {
    deps.noteTest(input.existingId, result, 'settings being edited, not saved yet');
  }
  return result;
}
