import type { RulesProfile } from './profiles';
import type { RuleId } from './rules';
import type { DtValue, DynatraceNote, Processing } from './types';

/**
 * The attribute map of one Dynatrace record, filled in priority order
 * (Dynatrace's own fields, then resource, scope, record attributes, body).
 *
 * Name conflicts, our reading of seeds/004: the first value put under a name
 * keeps it; each later value for the same name is displaced to
 * `overwritten.<key>`, then `overwritten1.<key>`, `overwritten2.<key>`, ...
 * (the 'current-docs' profile numbers from 1: `overwritten1.`,
 * `overwritten2.`). A displaced name that is itself taken moves on to the
 * next number. The names `timestamp`, `loglevel` and `content` belong to the
 * record's own fields, so an attribute with one of those names is displaced
 * the same way.
 */

const RECORD_FIELDS = new Set(['timestamp', 'loglevel', 'content']);

export class AttributeTable {
  readonly values = new Map<string, DtValue>();
  private readonly origin = new Map<string, string>();
  private readonly displaced = new Map<string, number>();

  constructor(
    private readonly profile: RulesProfile,
    private readonly processing: Processing,
    readonly notes: DynatraceNote[],
  ) {}

  /** The key as stored: classic processing lowercases it. */
  keyFor(key: string): string {
    return this.processing === 'classic' ? key.toLowerCase() : key;
  }

  /**
   * Stores `value` under `key` (or a displaced name) and returns the name
   * used. `from` says where the value came from: `detail` for its origin
   * note, `describe` (the exact origin, e.g. `record attribute "http"
   * (nested key "status_code")`) for conflict notes; `notes` are notes about
   * the value itself.
   */
  put(
    key: string,
    value: DtValue,
    from: { rule: RuleId; detail: string; describe: string },
    notes: readonly { rule: RuleId; detail: string }[] = [],
  ): string {
    const stored = this.keyFor(key);
    let name = stored;
    const conflict = this.values.has(stored) || RECORD_FIELDS.has(stored);
    if (conflict) name = this.displacedName(stored);
    this.note(name, from.rule, from.detail);
    if (conflict) {
      const winner = this.origin.get(stored);
      const holder = RECORD_FIELDS.has(stored)
        ? `the record's own ${stored} field`
        : winner === from.describe
          ? `an earlier ${winner}, which has priority`
          : `${winner}, which has priority`;
      const under = stored === key ? '' : ` (stored as "${stored}")`;
      this.note(
        name,
        'attribute.overwritten',
        `${from.describe}${under} conflicts with ${holder}; kept as "${name}"`,
      );
    }
    if (stored !== key) this.note(name, 'attribute.lowercased', `key "${key}" lowercased`);
    for (const n of notes) this.note(name, n.rule, n.detail);
    this.values.set(name, value);
    this.origin.set(name, from.describe);
    return name;
  }

  private displacedName(key: string): string {
    let n = this.displaced.get(key) ?? 0;
    let name: string;
    do {
      n++;
      name = this.profile.overwrittenName(key, n);
    } while (this.values.has(name) || RECORD_FIELDS.has(name));
    this.displaced.set(key, n);
    return name;
  }

  private note(field: string, rule: RuleId, detail: string): void {
    this.notes.push({ field, rule, detail });
  }

  toObject(): Record<string, DtValue> {
    return Object.fromEntries(this.values);
  }
}
