import { sameField, type Change, type FieldRef, type RuleRef } from './changes';

/** A piece of a value as the inspector shows it: plain text, or what a rule put in place of something. */
export interface Segment {
  text: string;
  masked: { rule: RuleRef; detector: string; original: string } | null;
}

type MaskChange = Extract<Change, { action: 'mask' }>;

/**
 * One rule's spans over the value as that rule saw it (the segments' texts
 * joined). A span that reaches into an earlier replacement takes all of it:
 * the original it shows is everything it covered, as first received.
 */
function applySpans(segments: Segment[], change: MaskChange): Segment[] {
  const out: Segment[] = [];
  let pos = 0;
  let si = 0;
  let acc: string | null = null;
  for (const seg of segments) {
    const start = pos;
    const end = pos + seg.text.length;
    pos = end;
    let taken = false;
    let cursor = start;
    while (cursor < end) {
      const span = change.spans[si];
      if (!span || cursor < span.start) {
        // Outside every span: kept as it was (a piece of an earlier replacement stays one).
        const stop = span ? Math.min(end, span.start) : end;
        out.push({ text: seg.text.slice(cursor - start, stop - start), masked: seg.masked });
        cursor = stop;
        continue;
      }
      const stop = Math.min(end, span.end);
      if (!seg.masked) acc = (acc ?? '') + seg.text.slice(cursor - start, stop - start);
      else if (!taken) acc = (acc ?? '') + seg.masked.original;
      taken = true;
      cursor = stop;
      if (stop === span.end) {
        out.push({
          text: span.replacement,
          masked: { rule: change.rule, detector: span.detector, original: acc ?? '' },
        });
        acc = null;
        si++;
      }
    }
  }
  return out;
}

/**
 * A value after the rules, cut into plain and masked pieces, each masked
 * piece naming the rule and detector that masked it and what it hid. Built
 * from the field's mask changes in rule order, starting from the value as
 * received.
 */
export function maskedSegments(
  original: string,
  field: FieldRef,
  changes: readonly Change[],
): Segment[] {
  let segments: Segment[] = [{ text: original, masked: null }];
  for (const c of changes) {
    if (c.action === 'mask' && sameField(c.field, field)) segments = applySpans(segments, c);
  }
  return segments;
}
