import {
  av,
  kv,
  type KeyValue,
  type LogRecord,
  RecordBatchWriter,
  type RecordBatch,
} from '../../../shared/otlp';
import { appVersion } from '../../base/version';
import { msToNanos, ResourceGroup } from '../record-groups';
import {
  frontEnds,
  levelWeights,
  modules,
  severityOf,
  userAgents,
  users,
  type Level,
  type MessageContext,
  type ModuleSpec,
} from './catalog';
import { Prng } from './prng';
import { sampleException } from './stack-traces';

/** One request being handled: its records share the trace, the request key and the HTTP attributes. */
interface SampleRequest {
  module: ModuleSpec;
  frontEnd: string;
  traceId: Uint8Array;
  rootSpanId: Uint8Array;
  requestKey: string;
  method: string;
  path: string;
  screen: string;
  action: string;
  ctx: MessageContext;
  userAgent: string;
  remaining: number;
  failed: boolean;
}

export interface GeneratedRecord {
  /** Which resource (module on a front end) the record belongs to. */
  resourceKey: string;
  record: LogRecord;
}

// Up to this many requests are interleaved, as on a busy front end.
const concurrentRequests = 6;

/**
 * Realistic application logs from a seed: several modules and front ends,
 * every severity (mostly INFO), request attributes, W3C trace context, and
 * now and then an exception with a multi-line .NET or Java stack trace in
 * `exception.stacktrace`. The same seed and clock give the same records.
 */
export class SampleGenerator {
  private readonly rng: Prng;
  private readonly open: SampleRequest[] = [];
  private readonly resources = new Map<string, ResourceGroup>();
  private sequence = 0;

  constructor(seed: number = Math.floor(Math.random() * 2 ** 32)) {
    this.rng = new Prng(seed);
  }

  /** `count` records stamped around `nowMs`, grouped by resource for the buffer. */
  generate(count: number, nowMs: number): RecordBatch {
    const byResource = new Map<string, LogRecord[]>();
    for (const { resourceKey, record } of this.records(count, nowMs)) {
      const list = byResource.get(resourceKey);
      if (list) list.push(record);
      else byResource.set(resourceKey, [record]);
    }
    const writer = new RecordBatchWriter();
    for (const [key, records] of byResource) this.resource(key).addTo(writer, records);
    return writer.build();
  }

  records(count: number, nowMs: number): GeneratedRecord[] {
    const out: GeneratedRecord[] = [];
    const now = msToNanos(nowMs);
    for (let i = 0; i < count; i++) {
      const req = this.request();
      // Spread the batch over the last few milliseconds, oldest first.
      const time = now - BigInt(count - i) * 1_000n;
      out.push({
        resourceKey: `${req.module.name}@${req.frontEnd}`,
        record: this.record(req, time),
      });
    }
    return out;
  }

  private request(): SampleRequest {
    if (this.open.length < concurrentRequests || this.rng.chance(0.3)) {
      this.open.push(this.newRequest());
    }
    const index = this.rng.int(0, this.open.length - 1);
    const req = this.open[index]!;
    req.remaining--;
    if (req.remaining <= 0) this.open.splice(index, 1);
    return req;
  }

  private newRequest(): SampleRequest {
    const rng = this.rng;
    const module = rng.pick(modules);
    const route = rng.pick(module.routes);
    this.sequence++;
    return {
      module,
      frontEnd: rng.pick(frontEnds),
      traceId: rng.bytes(16),
      rootSpanId: rng.bytes(8),
      requestKey: `${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-a${rng.hex(3)}-${rng.hex(12)}`,
      method: route.method,
      path: route.path,
      screen: rng.pick(module.screens),
      action: rng.pick(module.actions),
      userAgent: rng.pick(userAgents),
      remaining: rng.int(1, 6),
      failed: false,
      ctx: {
        rng,
        orderId: `ORD-${100000 + this.sequence}`,
        customerId: rng.int(1000, 99999),
        user: rng.pick(users),
        sku: `SKU-${rng.int(10000, 99999)}`,
        invoiceId: `INV-${2024_000000 + rng.int(0, 999999)}`,
        ms: Math.round(Math.exp(rng.next() * 8)),
        clientIp: `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
      },
    };
  }

  private record(req: SampleRequest, time: bigint): LogRecord {
    const rng = this.rng;
    const level: Level = rng.weighted(levelWeights);
    const severity = severityOf[level];
    const template = rng.pick(req.module.messages[level]);
    const attributes: KeyValue[] = [
      kv('outsystems.module.name', av.string(req.module.name)),
      kv('outsystems.action.name', av.string(req.action)),
      kv('outsystems.screen.name', av.string(req.screen)),
      kv('outsystems.request.key', av.string(req.requestKey)),
      kv('enduser.id', av.string(req.ctx.user)),
      kv('http.request.method', av.string(req.method)),
      kv('url.path', av.string(req.path)),
      kv('client.address', av.string(req.ctx.clientIp)),
      kv('user_agent.original', av.string(req.userAgent)),
    ];
    if (level === 'error' || level === 'fatal') req.failed = true;
    if (req.remaining <= 0) {
      // The request's last record says how it ended.
      const status = req.failed ? 500 : rng.chance(0.05) ? 404 : 200;
      attributes.push(kv('http.response.status_code', av.int(status)));
      attributes.push(kv('outsystems.request.duration_ms', av.int(req.ctx.ms)));
    }
    if (level === 'fatal' || (level === 'error' && rng.chance(0.6))) {
      const e = sampleException(rng, req.module.name, req.action);
      attributes.push(kv('exception.type', av.string(e.type)));
      attributes.push(kv('exception.message', av.string(e.message)));
      attributes.push(kv('exception.stacktrace', av.string(e.stacktrace)));
    }
    return {
      timeUnixNano: time,
      observedTimeUnixNano: time,
      severityNumber: severity.number,
      severityText: severity.text,
      body: av.string(template(req.ctx)),
      attributes,
      droppedAttributesCount: 0,
      flags: 1, // sampled
      traceId: req.traceId,
      spanId: rng.chance(0.5) ? req.rootSpanId : rng.bytes(8),
      eventName: '',
    };
  }

  private resource(key: string): ResourceGroup {
    let group = this.resources.get(key);
    if (group) return group;
    const [name, frontEnd] = key.split('@') as [string, string];
    const module = modules.find((m) => m.name === name)!;
    group = new ResourceGroup(
      {
        attributes: [
          kv('service.name', av.string(module.name)),
          kv('service.namespace', av.string(module.application)),
          kv('service.version', av.string(module.version)),
          kv('host.name', av.string(frontEnd)),
        ],
        droppedAttributesCount: 0,
      },
      { name: 'sluice.sample', version: appVersion, attributes: [], droppedAttributesCount: 0 },
    );
    this.resources.set(key, group);
    return group;
  }
}
