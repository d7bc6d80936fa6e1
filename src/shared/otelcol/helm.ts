import { storageId } from './builder';
import type { CollectorConfig, CollectorDistribution, CollectorVariable } from './types';
import type { YamlValue } from './yaml';

/**
 * Values for the OpenTelemetry Collector Helm chart
 * (open-telemetry/opentelemetry-helm-charts, chart opentelemetry-collector,
 * checked at chart 0.170.0 / Collector 0.158.0): the same configuration as
 * `alternateConfig`, which replaces the chart's default pipelines instead of
 * being merged into them.
 */
export const credentialsSecret = 'sluice-collector-credentials';
const storageMount = '/var/lib/otelcol';

const images: Record<CollectorDistribution, { repository: string; tag: string; command: string }> =
  {
    dynatrace: {
      repository: 'ghcr.io/dynatrace/dynatrace-otel-collector/dynatrace-otel-collector',
      tag: '0.54.0',
      command: 'dynatrace-otel-collector',
    },
    contrib: {
      repository: 'otel/opentelemetry-collector-contrib',
      tag: '0.158.0',
      command: 'otelcol-contrib',
    },
  };

/** The chart's default ports, which this configuration does not listen on. */
const chartDefaultPorts = [
  'otlp',
  'otlp-http',
  'jaeger-compact',
  'jaeger-thrift',
  'jaeger-grpc',
  'zipkin',
];

function portOf(endpoint: string): number | null {
  const m = /:(\d+)$/.exec(endpoint);
  return m ? Number(m[1]) : null;
}

/**
 * In a pod, a receiver must listen on the pod's address (the chart sets
 * MY_POD_IP), not on loopback; the storage extension writes to the volume.
 */
function forPod(config: CollectorConfig): {
  config: CollectorConfig;
  ports: Record<string, YamlValue>;
} {
  const copy = JSON.parse(JSON.stringify(config)) as CollectorConfig;
  const ports: Record<string, YamlValue> = {};
  for (const name of chartDefaultPorts) ports[name] = { enabled: false };
  let n = 0;
  for (const receiver of Object.values(copy.receivers)) {
    const http = (receiver as { protocols?: { http?: { endpoint?: string } } }).protocols?.http;
    if (!http?.endpoint) continue;
    const port = portOf(http.endpoint) ?? 4318;
    http.endpoint = `\${env:MY_POD_IP}:${port}`;
    // Kubernetes port names: at most 15 characters.
    const name = ++n === 1 ? 'otlp-http' : `otlp-http-${n}`;
    ports[name] = { enabled: true, containerPort: port, servicePort: port, protocol: 'TCP' };
  }
  const storage = copy.extensions[storageId] as { directory?: string } | undefined;
  if (storage) storage.directory = `${storageMount}/sluice`;
  return { config: copy, ports };
}

export function helmValues(
  config: CollectorConfig,
  variables: readonly CollectorVariable[],
  distribution: CollectorDistribution,
): YamlValue {
  const image = images[distribution];
  const pod = forPod(config);
  return {
    // A StatefulSet keeps its volume across restarts: the sending queues and
    // file checkpoints live there.
    mode: 'statefulset',
    image: { repository: image.repository, tag: image.tag },
    command: { name: image.command },
    extraEnvs: variables.map((v) => ({
      name: v.name,
      valueFrom: { secretKeyRef: { name: credentialsSecret, key: v.name } },
    })),
    statefulset: {
      volumeClaimTemplates: [
        {
          metadata: { name: 'sluice-storage' },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } } },
        },
      ],
    },
    extraVolumeMounts: [{ name: 'sluice-storage', mountPath: storageMount }],
    // Both images run as user 10001; the volume must be writable for it.
    podSecurityContext: { fsGroup: 10001 },
    ports: pod.ports,
    alternateConfig: pod.config,
  };
}
