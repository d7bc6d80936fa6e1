import { sluiceCeiling } from '../request-limits';
import type { DestinationDefinition } from './types';

export const s3Definition: DestinationDefinition<'s3'> = {
  tool: 's3',
  label: 'Amazon S3',
  summary: 'Gzip-compressed OTLP/JSON objects under a date-partitioned prefix.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html',
  fields: [
    {
      key: 'bucket',
      kind: 'text',
      label: 'Bucket',
      help: 'The bucket name as the S3 console shows it (not its ARN or URL).',
      placeholder: 'my-log-archive',
      required: true,
    },
    {
      key: 'region',
      kind: 'text',
      label: 'Region',
      help: "The bucket's AWS region, shown in the S3 console's bucket list.",
      placeholder: 'eu-west-1',
      required: true,
    },
    {
      key: 'prefix',
      kind: 'text',
      label: 'Key prefix',
      help: 'Objects are written as {prefix}YYYY/MM/DD/HH/{time}-{id}.json.gz (UTC).',
      placeholder: 'sluice/',
      required: false,
    },
    {
      key: 'endpoint',
      kind: 'url',
      label: 'Endpoint (S3-compatible services)',
      help: 'Leave empty for AWS. For MinIO, Ceph and other S3-compatible servers, their address.',
      placeholder: 'https://minio.example.com:9000',
      required: false,
      advanced: true,
    },
    {
      key: 'forcePathStyle',
      kind: 'checkbox',
      label: 'Path-style addressing',
      help: 'Address the bucket as endpoint/bucket instead of bucket.endpoint. Most S3-compatible servers need this.',
      required: false,
      advanced: true,
    },
  ],
  credentials: [
    {
      name: 'accessKeyId',
      label: 'Access key id',
      help: 'Of an IAM user or role allowed s3:PutObject on this bucket and prefix: IAM > Users > Security credentials > Create access key.',
      placeholder: 'AKIA…',
      sentAs: null,
      sending:
        'It travels in the Authorization header of each request, as AWS Signature Version 4 requires.',
      optional: false,
    },
    {
      name: 'secretAccessKey',
      label: 'Secret access key',
      help: 'Shown once, next to the access key id, when the key is created.',
      placeholder: '40 characters',
      sentAs: null,
      sending:
        'It is never sent: Sluice uses it only to sign each request (AWS Signature Version 4).',
      optional: false,
    },
  ],
  urlBuilders: [],
  defaults: { bucket: '', region: '', prefix: 'sluice/', endpoint: null, forcePathStyle: false },
  requestLimits: {
    requestBytes: sluiceCeiling(
      'bytes',
      "One PutObject takes an object of up to 5 GB, far above Sluice's own ceiling.",
      {
        title: 'Amazon S3 User Guide: Uploading objects',
        url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/upload-objects.html',
      },
    ),
    recordsPerRequest: sluiceCeiling('records', 'An object holds any number of records.'),
  },
  troubleshooting: {
    unauthorized:
      'S3 did not accept the credentials: check the access key id and secret belong together and the key is active.',
    forbidden:
      'S3 refused the request: the key may be wrong (InvalidAccessKeyId, SignatureDoesNotMatch) or lack s3:PutObject on this bucket and prefix, ' +
      'or a bucket policy or KMS key denies it. The response names the reason.',
    notFound:
      'The bucket was not found: check its name, its region and, for S3-compatible servers, the endpoint and path-style setting.',
    badRequest: 'S3 refused the request; its answer names the reason (for example a wrong region).',
    tooLarge: "The object was larger than allowed. Lower the stream's maximum batch size.",
    serverError: 'S3 had a problem or asked to slow down.',
    refusedConnection:
      "Check the endpoint's port (AWS S3 listens on 443; MinIO on 9000 unless changed) and that the server is running; a firewall may also refuse it.",
    certificateOwner: 'an S3-compatible server in your network or a company proxy',
  },
  findRecordHint: (_testId, d) =>
    `In the S3 console, open s3://${d.bucket}/${d.prefix.endsWith('/') || d.prefix === '' ? d.prefix : `${d.prefix}/`} and the folder for the current UTC date and hour; the newest object holds the test record.`,
};
