import type { Stream } from '../../../shared/api/streams';
import {
  createStoragePredictor,
  explainRejection,
  mappingTargetOf,
  PROFILES,
  type PredictOptions,
  type Prediction,
  type RejectionExplanation,
} from '../../../shared/dynatrace';
import type { Limits } from '../../../shared/dynatrace/limits-data';
import {
  decodeLogRecord,
  decodeResource,
  decodeScope,
  type InstrumentationScope,
  type KeyValue,
  type Resource,
} from '../../../shared/otlp';
import { utf8Length } from '../../../shared/otlp/bytes';
import type { Segment } from '../buffer/segment-format';
import type { Entry } from './assemble';

/** Room for a conflict prefix such as "overwritten12." on a stored key. */
const prefixRoom = 20;
/** The longest text of an int64, a double or a boolean. */
const scalarText = 24;
/**
 * Attributes Dynatrace or Sluice may add to a record beyond its own,
 * resource's and scope's: trace_id, span_id, dt.auth.origin, the stage
 * label, the scope's name and version.
 */
const addedAttributes = 8;

interface AttributeFigures {
  count: number;
  maxKey: number;
  maxValue: number;
}

function figures(attributes: readonly KeyValue[]): AttributeFigures {
  let maxKey = 0;
  let maxValue = 0;
  for (const a of attributes) {
    maxKey = Math.max(maxKey, utf8Length(a.key));
    const v = a.value;
    // A nested value goes to the mapping (the screen asks for depth <= 1 first).
    if (v.kind === 'string') maxValue = Math.max(maxValue, utf8Length(v.value));
    else if (v.kind === 'bytes') maxValue = Math.max(maxValue, v.value.length);
    else if (v.kind === 'array' || v.kind === 'kvlist') maxValue = Infinity;
  }
  return { count: attributes.length, maxKey, maxValue };
}

/**
 * What Dynatrace will make of each record a stream sends, worked out before
 * it is sent (docs/exporter.md, "What Dynatrace would change"): records past
 * the log-age limit, and the records the mapping says Dynatrace will cut,
 * drop or change, per rule. Most records are cleared from the segment's
 * index alone (their shape: attribute count, nesting, longest key and value);
 * only the others are decoded and run through the mapping the inspector uses.
 */
export class DynatraceOutlook {
  readonly logAgeMs: number;
  private readonly futureMs: number;
  private readonly limits: Limits;
  private readonly classic: boolean;
  private readonly contentLimit: number;
  private readonly options: Omit<PredictOptions, 'now'>;
  private readonly predict: ReturnType<typeof createStoragePredictor>;
  private readonly resources = new Map<number, { decoded: Resource; figures: AttributeFigures }>();
  private readonly scopes = new Map<
    number,
    { decoded: InstrumentationScope; figures: AttributeFigures }
  >();

  constructor(private readonly stream: Stream) {
    if (stream.destination.tool !== 'dynatrace')
      throw new Error('internal: not a Dynatrace stream');
    const target = mappingTargetOf(stream.destination.tenant);
    const profile = PROFILES[target.profile];
    this.limits = profile.limits;
    this.classic = target.processing === 'classic';
    this.contentLimit = this.limits.contentBytes[target.processing];
    this.logAgeMs = Number(this.limits.logAgeNs / 1_000_000n);
    this.futureMs = Number(this.limits.futureToleranceNs / 1_000_000n);
    const model = stream.destination.model;
    this.options = {
      profile: target.profile,
      processing: target.processing,
      // The tenant's default model cannot be known here; flattened is what
      // Managed only has and SaaS mostly defaults to, and it has more rules.
      model: model === 'raw' ? 'raw' : 'flattened',
      authOrigin: stream.credentials.token?.hint ?? undefined,
    };
    this.predict = createStoragePredictor(this.options);
  }

  /**
   * Which records of a request Dynatrace likely refused in a partial
   * success, and why (the mapping's reasons), decoded only now.
   */
  explain(
    entries: readonly Entry[],
    rejected: number,
    errorMessage: string | null,
    nowMs: number,
  ): RejectionExplanation {
    const records = entries.map((e) => ({
      resource: decodeResource(e.resource),
      scope: decodeScope(e.scope),
      record: decodeLogRecord(e.record),
    }));
    return explainRejection(records, rejected, {
      ...this.options,
      now: BigInt(Math.round(nowMs)) * 1_000_000n,
      errorMessage,
    });
  }

  static for(stream: Stream): DynatraceOutlook | null {
    return stream.destination.tool === 'dynatrace' ? new DynatraceOutlook(stream) : null;
  }

  /** Whether records past the log age are dead-lettered (the default) or sent anyway. */
  get holdsBackOld(): boolean {
    return this.stream.delivery.logAge !== 'send';
  }

  /** Past the log age when it would arrive now (a record without a timestamp never is: Dynatrace stamps it). */
  tooOld(timeMs: number, nowMs: number): boolean {
    return timeMs > 0 && nowMs - timeMs > this.logAgeMs;
  }

  /**
   * The rules under which Dynatrace will store something other than what is
   * sent, for one record as it goes out ([] for most, without decoding).
   */
  changes(segment: Segment, i: number, entry: Entry, nowMs: number): Prediction[] {
    const group = segment.groups[segment.index.group(i)]!;
    const resource = this.resource(entry, group.resourceId);
    const scope = this.scope(entry, group.scopeId);
    if (this.surelyUnchanged(segment, i, entry, resource.figures, scope.figures, nowMs)) return [];
    return this.predict(
      { resource: resource.decoded, scope: scope.decoded, record: decodeLogRecord(entry.record) },
      BigInt(Math.round(nowMs)) * 1_000_000n,
    );
  }

  /** From the index alone: true only when the mapping cannot report a change. */
  private surelyUnchanged(
    segment: Segment,
    i: number,
    entry: Entry,
    resource: AttributeFigures,
    scope: AttributeFigures,
    nowMs: number,
  ): boolean {
    const index = segment.index;
    const t = index.timeMs(i);
    // No timestamp: it may come from the body or the attributes, and be anything.
    if (t <= 0 || nowMs - t > this.logAgeMs || t - nowMs > this.futureMs) return false;
    // Only scalar values: nothing to flatten, no arrays to count.
    if (index.depth(i) > 1) return false;
    // A truncated record was changed by Sluice: its stored figures no longer hold.
    if (entry.record.length !== index.length(i)) return false;
    const l = this.limits;
    const count = index.attributes(i) + resource.count + scope.count + addedAttributes;
    if (count > l.attributeCount) return false;
    // Lower-casing (classic processing) can lengthen a key; bytes become base64.
    const longestKey = Math.max(index.maxKeyBytes(i), resource.maxKey, scope.maxKey);
    if (longestKey * (this.classic ? 3 : 1) + prefixRoom > l.attributeKeyBytes) return false;
    const longestValue = Math.max(index.maxValueBytes(i), resource.maxValue, scope.maxValue);
    const stored = Math.ceil((longestValue * 4) / 3) + scalarText;
    return stored <= l.attributeValueBytes && stored <= this.contentLimit;
  }

  private resource(entry: Entry, id: number) {
    let r = this.resources.get(id);
    if (!r) {
      // The resource as sent: with the stream's stage label.
      const decoded = decodeResource(entry.resource);
      r = { decoded, figures: figures(decoded.attributes) };
      if (this.resources.size > 1_000) this.resources.clear();
      this.resources.set(id, r);
    }
    return r;
  }

  private scope(entry: Entry, id: number) {
    let s = this.scopes.get(id);
    if (!s) {
      const decoded = decodeScope(entry.scope);
      const f = figures(decoded.attributes);
      const named = Math.max(utf8Length(decoded.name), utf8Length(decoded.version));
      s = { decoded, figures: { ...f, maxValue: Math.max(f.maxValue, named) } };
      if (this.scopes.size > 1_000) this.scopes.clear();
      this.scopes.set(id, s);
    }
    return s;
  }
}
