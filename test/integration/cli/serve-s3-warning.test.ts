import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../support/eventually';
import { startServe, type RunningProcess } from '../../support/sluice-process';
import { tempDir } from '../../support/temp-dir';
import { listKeys, s3Credentials, startS3 } from '../destinations/support/s3';

const running: RunningProcess[] = [];
afterEach(async () => {
  for (const p of running.splice(0)) await p.stop();
});

describe('sluice serve with an S3 stream', () => {
  it("writes to S3 without printing the AWS SDK's Node-version warning", async () => {
    const { endpoint, client } = await startS3();
    const dir = tempDir('sluice-s3-serve-');
    const config = join(dir, 'sluice.json');
    writeFileSync(
      config,
      JSON.stringify({
        version: 1,
        streams: [
          {
            name: 'Archive',
            destination: {
              tool: 's3',
              bucket: 'logs',
              region: 'us-east-1',
              endpoint,
              forcePathStyle: true,
            },
            credentials: {
              accessKeyId: { env: 'E2E_S3_KEY' },
              secretAccessKey: { env: 'E2E_S3_SECRET' },
            },
            sources: ['Sample data'],
            delivery: { maxBatchRecords: 5 },
          },
        ],
      }),
    );
    const serve = await startServe(join(dir, 'data'), ['--config', config], {
      E2E_S3_KEY: s3Credentials.accessKeyId,
      E2E_S3_SECRET: s3Credentials.secretAccessKey,
      // The test runner's own setting must not decide the outcome.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: '',
    });
    running.push(serve);
    // The engine really loaded the SDK and wrote: an object arrived.
    await eventually(async () => expect(await listKeys(client, 'logs')).not.toEqual([]), 30_000);
    expect(serve.output()).not.toMatch(/NodeVersionSupportWarning|AWS SDK for JavaScript/);
  }, 60_000);
});
