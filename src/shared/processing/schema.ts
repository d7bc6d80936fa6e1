import { z } from 'zod';
import { detectorNames } from './detectors/names';
import { patternProblem } from './safe-pattern';

/**
 * A stream's processing rules (docs/processing.md): an ordered list applied
 * when the stream sends. Each rule is an object whose one action key says
 * what it does: `mask`, `drop`, `rename`, `set` or `truncate`. The file form
 * is short on purpose: `{"mask": "builtin"}` switches every built-in
 * detector on over the content and every attribute value.
 */

export const attributeLevels = ['resource', 'scope', 'record'] as const;
export type AttributeLevel = (typeof attributeLevels)[number];

export const ruleActions = ['mask', 'drop', 'rename', 'set', 'truncate'] as const;
export type RuleAction = (typeof ruleActions)[number];

/** The largest maxChars / keepLast a rule accepts. */
const maxCharsLimit = 10_000_000;

const ruleIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, {
    message:
      'Use letters, digits, ".", "_" or "-" (up to 64, starting with a letter or digit), e.g. "mask-emails".',
  });

/** Shared by every rule: a stable id (for counts) and a label for people. */
const common = {
  /** Names the rule in counts, the inspector and `streams status`; default: its position, "rule-1". */
  id: ruleIdSchema.optional(),
  label: z.string().trim().max(100).optional(),
};

const levelsSchema = z
  .array(z.enum(attributeLevels))
  .min(1, 'Name at least one level: "resource", "scope" or "record".')
  .optional();

const attributeKeySchema = z.string().trim().min(1, 'Name the attribute.').max(256);

export const customPatternSchema = z.object({
  /** RE2 syntax (docs/processing.md): no backreferences or lookarounds. */
  pattern: z
    .string()
    .min(1, 'Write the pattern to mask.')
    .max(2_000, 'Keep the pattern under 2,000 characters.')
    .superRefine((pattern, ctx) => {
      const problem = patternProblem(pattern);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  /** Shown in the replacement, `[masked:<name>]`; default "custom". */
  name: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, {
      message: 'Use lower-case letters, digits, "_" or "-" (up to 32), e.g. "order-id".',
    })
    .optional(),
  ignoreCase: z.boolean().optional(),
});
export type CustomPattern = z.infer<typeof customPatternSchema>;

export const replacementSchema = z.union(
  [z.literal('fixed'), z.literal('hash'), z.object({ keepLast: z.number().int().min(1).max(64) })],
  {
    error:
      'Use "fixed" ([masked:<detector>]), "hash" (a keyed hash, equal values still correlate) or {"keepLast": N}.',
  },
);
export type Replacement = z.infer<typeof replacementSchema>;

export const maskRuleSchema = z.object({
  ...common,
  mask: z.union(
    [
      z.literal('builtin'),
      z.array(z.enum(detectorNames)).min(1, 'Name at least one detector.'),
      customPatternSchema,
    ],
    {
      error: `Use "builtin" (every detector), a list of detectors (${detectorNames.join(', ')}) or {"pattern": "..."}.`,
    },
  ),
  /** Mask the content (the body, every string inside it). Default true. */
  content: z.boolean().optional(),
  /** Which attribute values: "all" (default), "none", or these keys. */
  attributes: z
    .union([z.literal('all'), z.literal('none'), z.array(attributeKeySchema).min(1)], {
      error: 'Use "all", "none" or a list of attribute keys.',
    })
    .optional(),
  /** Which attributes' levels; default all three. */
  levels: levelsSchema,
  replace: replacementSchema.optional(),
});
export type MaskRule = z.infer<typeof maskRuleSchema>;

export const dropRuleSchema = z.object({
  ...common,
  drop: attributeKeySchema,
  levels: levelsSchema,
});
export type DropRule = z.infer<typeof dropRuleSchema>;

export const renameRuleSchema = z.object({
  ...common,
  rename: attributeKeySchema,
  to: attributeKeySchema,
  levels: levelsSchema,
});
export type RenameRule = z.infer<typeof renameRuleSchema>;

export const setRuleSchema = z.object({
  ...common,
  set: attributeKeySchema,
  value: z.union([z.string().max(10_000), z.number(), z.boolean()], {
    error: 'Give a string, a number or true/false.',
  }),
  /** Where the attribute goes; default "resource" (a static fact about where records come from). */
  level: z.enum(attributeLevels).optional(),
});
export type SetRule = z.infer<typeof setRuleSchema>;

export const truncateRuleSchema = z.object({
  ...common,
  /** "content" (the body) or an attribute key. */
  truncate: attributeKeySchema,
  maxChars: z.number().int().min(1).max(maxCharsLimit),
  levels: levelsSchema,
});
export type TruncateRule = z.infer<typeof truncateRuleSchema>;

export type ProcessingRule = MaskRule | DropRule | RenameRule | SetRule | TruncateRule;

const branches = {
  mask: maskRuleSchema,
  drop: dropRuleSchema,
  rename: renameRuleSchema,
  set: setRuleSchema,
  truncate: truncateRuleSchema,
} as const;

/** For the JSON Schema and for tools: the rule as a union of its five forms. */
export const processingRuleUnionSchema = z.union(Object.values(branches));

/** A branch's JSON Schema without its `$schema` line (it is nested in the file's schema). */
function branchJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: 'input' });
  return rest;
}

function actionsOf(value: Record<string, unknown>): RuleAction[] {
  return ruleActions.filter((a) => Object.prototype.hasOwnProperty.call(value, a));
}

/**
 * One rule. zod's union would report every branch's complaint at once; this
 * picks the branch by the rule's action key and reports only its problems,
 * each at its place (`processing[2].mask.pattern`).
 */
export const processingRuleSchema = z
  .unknown()
  .transform((value, ctx): ProcessingRule => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      ctx.addIssue({
        code: 'custom',
        message: `A rule is an object with one of ${ruleActions.map((a) => `"${a}"`).join(', ')}, e.g. {"mask": "builtin"}.`,
      });
      return z.NEVER;
    }
    const actions = actionsOf(value as Record<string, unknown>);
    if (actions.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          actions.length === 0
            ? `Say what the rule does with one of ${ruleActions.map((a) => `"${a}"`).join(', ')}.`
            : `A rule does one thing; split ${actions.map((a) => `"${a}"`).join(' and ')} into separate rules.`,
      });
      return z.NEVER;
    }
    const parsed = branches[actions[0]!].safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: issue.path } as never);
    return z.NEVER;
  })
  .meta({ anyOf: Object.values(branches).map(branchJsonSchema) });

export const processingRulesSchema = z
  .array(processingRuleSchema)
  .max(100, 'Keep it to 100 rules or fewer.')
  .superRefine((rules, ctx) => {
    const seen = new Map<string, number>();
    rules.forEach((rule, index) => {
      if (!rule.id) return;
      const first = seen.get(rule.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'id'],
          message: `"${rule.id}" is also the id of rule ${first + 1}; ids must be unique.`,
        });
      } else seen.set(rule.id, index);
    });
  });

/** The action a rule performs. */
export function ruleAction(rule: ProcessingRule): RuleAction {
  if ('mask' in rule) return 'mask';
  if ('drop' in rule) return 'drop';
  if ('rename' in rule) return 'rename';
  if ('set' in rule) return 'set';
  return 'truncate';
}

/** The key a rule is counted under: its id, or its place in the list ("rule-1"). */
export function ruleKey(rule: ProcessingRule, index: number): string {
  return rule.id ?? `rule-${index + 1}`;
}
