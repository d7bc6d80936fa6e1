import { create } from 'zustand';
import type { Stream, StreamFilter, StreamSettingsInput } from '../../../../shared/api/streams';
import { streamNameSchema } from '../../../../shared/api/streams';
import type { TestStreamResult } from '../../../../shared/api/test-stream';
import type { ProcessingRule } from '../../../../shared/processing';
import {
  deliveryIssuesFor,
  destinationDefinitions,
  destinationSchema,
  networkSettingsSchema,
  toolLabels,
  validateCredential,
  validateDestination,
  type Destination,
  type DestinationInput,
  type DestinationTool,
} from '../../../../shared/destinations';

/**
 * The wizard's draft: form values as typed (strings and booleans), turned
 * into the contract's shapes only when validated, tested or saved. Field
 * knowledge comes from src/shared/destinations, never from here.
 */
export const wizardSteps = [
  'tool',
  'destination',
  'test',
  'source',
  'processing',
  'review',
] as const;
export type WizardStep = (typeof wizardSteps)[number];

export const stepLabels: Record<WizardStep, string> = {
  tool: 'Destination tool',
  destination: 'Destination details',
  test: 'Test stream',
  source: 'Source details',
  processing: 'Processing',
  review: 'Review and save',
};

export type FormValue = string | boolean;

export const stagePresets = ['Development', 'QA', 'Production'] as const;

export interface Draft {
  existing: Stream | null;
  step: WizardStep;
  tool: DestinationTool | null;
  name: string;
  fields: Record<string, FormValue>;
  network: Record<string, FormValue>;
  /** Typed secrets; '' means "not typed" (keep what is stored when editing). */
  credentials: Record<string, string>;
  /**
   * Credentials read from an environment variable instead of the keychain
   * (docs/config.md): credential name to variable name. The value never
   * comes to this window.
   */
  credentialEnv: Record<string, string>;
  sourceIds: string[];
  /**
   * Sources this wizard created (Add an OTLP receiver, Add another
   * source…): removed again when the wizard is left without saving, and
   * after saving when the stream does not read them. Nothing it created
   * outlives a cancel.
   */
  createdSourceIds: string[];
  stage: string;
  filter: StreamFilter;
  outsystemsTruncation: boolean;
  /**
   * Batch sizes set here: only by the fix for a stored value beyond the
   * destination's request limit (the wizard has no field for them).
   */
  deliveryOverrides: { maxBatchBytes?: number; maxBatchRecords?: number };
  /** Processing rules (docs/processing.md), in order. */
  processing: ProcessingRule[];
  /** Field paths the user has touched: their problems show as they type. */
  touched: string[];
  /** Set by "Next" on a step with problems: every problem shows. */
  showAll: boolean;
  test: { result: TestStreamResult; key: string } | null;
  dirty: boolean;
}

const emptyFilter: StreamFilter = { minSeverity: 'any', include: [], exclude: [] };

function blankDraft(): Draft {
  return {
    existing: null,
    step: 'tool',
    tool: null,
    name: '',
    fields: {},
    network: {},
    credentials: {},
    credentialEnv: {},
    sourceIds: [],
    createdSourceIds: [],
    stage: '',
    filter: emptyFilter,
    outsystemsTruncation: false,
    deliveryOverrides: {},
    processing: [],
    touched: [],
    showAll: false,
    test: null,
    dirty: false,
  };
}

export const useDraft = create<Draft>(blankDraft);

function toForm(values: Record<string, unknown>): Record<string, FormValue> {
  const out: Record<string, FormValue> = {};
  for (const [k, v] of Object.entries(values)) {
    out[k] = typeof v === 'boolean' ? v : v === null || v === undefined ? '' : String(v);
  }
  return out;
}

const networkDefaults = networkSettingsSchema.parse({});

export function startNewDraft(): void {
  useDraft.setState(blankDraft(), true);
}

export function startEditDraft(stream: Stream): void {
  const { tool, network, ...fields } = stream.destination;
  useDraft.setState(
    {
      ...blankDraft(),
      existing: stream,
      step: 'destination',
      tool,
      name: stream.name,
      fields: toForm(fields),
      network: toForm(network),
      sourceIds: [...stream.sourceIds],
      stage: stream.stage ?? '',
      filter: stream.filter,
      outsystemsTruncation: stream.delivery.outsystemsTruncation,
      processing: [...stream.processing],
    },
    true,
  );
}

export function chooseTool(tool: DestinationTool): void {
  const d = useDraft.getState();
  if (d.tool === tool) return;
  const previousDefaultName = d.tool ? `${toolLabels[d.tool]} logs` : '';
  useDraft.setState({
    tool,
    fields: toForm(destinationDefinitions[tool].defaults as Record<string, unknown>),
    network: toForm(networkDefaults),
    credentials: {},
    credentialEnv: {},
    name: d.name === '' || d.name === previousDefaultName ? `${toolLabels[tool]} logs` : d.name,
    touched: [],
    showAll: false,
    test: null,
    dirty: true,
  });
}

export function patchDraft(patch: Partial<Draft>, touchedPath?: string): void {
  const d = useDraft.getState();
  useDraft.setState({
    ...patch,
    dirty: true,
    touched:
      touchedPath && !d.touched.includes(touchedPath) ? [...d.touched, touchedPath] : d.touched,
  });
}

export function setField(key: string, value: FormValue): void {
  patchDraft({ fields: { ...useDraft.getState().fields, [key]: value } }, key);
}

export function setNetworkField(key: string, value: FormValue): void {
  patchDraft({ network: { ...useDraft.getState().network, [key]: value } }, `network.${key}`);
}

/** A source this wizard just created: the stream reads it, and it goes if the wizard is cancelled. */
export function addCreatedSource(id: string): void {
  const d = useDraft.getState();
  patchDraft({
    sourceIds: [...d.sourceIds, id],
    createdSourceIds: [...d.createdSourceIds, id],
  });
}

/** Where a credential is kept: the keychain (null) or an environment variable (its name). */
export function setCredentialEnv(name: string, variable: string | null): void {
  const next = { ...useDraft.getState().credentialEnv };
  if (variable === null) delete next[name];
  else next[name] = variable;
  patchDraft({ credentialEnv: next }, `credentials.${name}`);
}

/** A variable name to start from: DT_API_TOKEN as Dynatrace's documentation uses, else TOOL_NAME. */
export function suggestedVariable(tool: DestinationTool, name: string): string {
  if (tool === 'dynatrace' && name === 'token') return 'DT_API_TOKEN';
  const snake = name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
  return `${tool.toUpperCase()}_${snake === 'TOKEN' ? 'API_TOKEN' : snake}`;
}

export function setCredential(name: string, value: string): void {
  patchDraft(
    { credentials: { ...useDraft.getState().credentials, [name]: value } },
    `credentials.${name}`,
  );
}

/** Form values to the destination the contract expects: empty optional values become null. */
export function destinationInput(d: Draft): DestinationInput | null {
  if (!d.tool) return null;
  const defaults = destinationDefinitions[d.tool].defaults as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(d.fields)) {
    fields[k] = v === '' && defaults[k] === null ? null : v;
  }
  const network: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(d.network)) {
    network[k] = v === '' && (networkDefaults as Record<string, unknown>)[k] === null ? null : v;
  }
  return { tool: d.tool, ...fields, network } as DestinationInput;
}

export function settingsInput(d: Draft): StreamSettingsInput | null {
  const destination = destinationInput(d);
  if (!destination) return null;
  const base = d.existing;
  return {
    name: d.name,
    destination,
    sourceIds: d.sourceIds,
    stage: d.stage.trim() === '' ? null : d.stage.trim(),
    filter: d.filter,
    delivery: {
      ...(base?.delivery ?? {}),
      ...d.deliveryOverrides,
      outsystemsTruncation: d.outsystemsTruncation,
    },
    processing: d.processing,
  };
}

/** Only what was typed for the keychain: never a stored secret, never one read from the environment. */
export function typedCredentials(d: Draft): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.credentials)) {
    if (v.trim() !== '' && d.credentialEnv[k] === undefined) out[k] = v.trim();
  }
  return out;
}

const variableName = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface Issue {
  path: string;
  severity: 'error' | 'warning';
  message: string;
  fix?: { path: string; value: string; label: string };
}

export interface Validation {
  issues: Issue[];
  destination: Destination | null;
  hasErrors: boolean;
}

/** "License key" -> "license key", but "API token" stays as it is. */
export function lowerFirst(label: string): string {
  return /^[A-Z][A-Z]/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

/** Errors (from the contract's zod schemas) and warnings (from validateDestination/validateCredential). */
export function validateDraft(d: Draft): Validation {
  const issues: Issue[] = [];
  const name = streamNameSchema.safeParse(d.name);
  if (!name.success) {
    issues.push({ path: 'name', severity: 'error', message: name.error.issues[0]?.message ?? '' });
  }
  const input = destinationInput(d);
  let destination: Destination | null = null;
  if (input) {
    const parsed = destinationSchema.safeParse(input);
    if (parsed.success) {
      destination = parsed.data;
      for (const i of validateDestination(parsed.data)) {
        if (i.severity === 'warning') issues.push(i);
      }
    } else {
      const seen = new Set<string>();
      for (const i of parsed.error.issues) {
        const path = i.path.join('.');
        if (seen.has(path)) continue;
        seen.add(path);
        issues.push({ path, severity: 'error', message: i.message });
      }
    }
  }
  if (destination) issues.push(...deliveryIssues(d, destination));
  if (d.tool) {
    for (const c of destinationDefinitions[d.tool].credentials) {
      const variable = d.credentialEnv[c.name];
      if (variable !== undefined) {
        if (!variableName.test(variable)) {
          issues.push({
            path: `credentials.${c.name}`,
            severity: 'error',
            message:
              'Name the environment variable: letters, digits and _ only, e.g. DT_API_TOKEN.',
          });
        }
        continue;
      }
      const typed = (d.credentials[c.name] ?? '').trim();
      const stored = d.existing?.destination.tool === d.tool && d.existing.credentials[c.name]?.set;
      if (typed === '') {
        if (!c.optional && !stored) {
          issues.push({
            path: `credentials.${c.name}`,
            severity: 'error',
            message: `Enter the ${lowerFirst(c.label)}.`,
          });
        }
      } else if (destination) {
        issues.push(...validateCredential(destination, c.name, typed));
      }
    }
  }
  // hasErrors is about the destination (it gates Test stream and step 2); the
  // Source details' own errors gate their step (hasSourceErrors).
  const hasErrors = issues.some((i) => i.severity === 'error');
  issues.push(...sourceIssues(d));
  return { issues, destination, hasErrors };
}

/** Problems of the Source details step; `hasSourceErrors` tells whether they block it. */
export function sourceIssues(d: Draft): Issue[] {
  const issues: Issue[] = [];
  if (d.sourceIds.length === 0) {
    issues.push({
      path: 'sourceIds',
      severity: 'warning',
      message:
        'This stream reads no source: nothing reaches it until you choose one here (or later with Edit).',
    });
  }
  for (const kind of ['include', 'exclude'] as const) {
    d.filter[kind].forEach((rule, i) => {
      if (rule.key.trim() === '') {
        issues.push({
          path: `filter.${kind}.${i}.key`,
          severity: 'error',
          message: 'Name the attribute to match (for example service.name), or remove this rule.',
        });
      }
    });
  }
  return issues;
}

export function hasSourceErrors(v: Validation): boolean {
  return v.issues.some((i) => i.severity === 'error' && i.path.startsWith('filter.'));
}

/**
 * A stored batch size beyond what the (perhaps newly chosen) destination
 * takes in one request: refused on save, so it is an error here, with a
 * one-click fix to the limit.
 */
function deliveryIssues(d: Draft, destination: Destination): Issue[] {
  const delivery = { ...(d.existing?.delivery ?? {}), ...d.deliveryOverrides };
  return deliveryIssuesFor(destination, delivery).map((i) => ({
    path: i.path,
    severity: 'error',
    message: i.message,
    fix: { path: i.path, value: String(i.limit), label: `Use ${i.limit.toLocaleString('en-US')}` },
  }));
}

/** Applies a batch-size fix (see deliveryIssues). */
export function setDeliveryOverride(path: string, value: string): void {
  const key = path.slice('delivery.'.length);
  if (key !== 'maxBatchBytes' && key !== 'maxBatchRecords') return;
  patchDraft({
    deliveryOverrides: { ...useDraft.getState().deliveryOverrides, [key]: Number(value) },
  });
}

/** What a test result is valid for: a changed destination or credential makes it stale. */
export function testKey(d: Draft): string {
  return JSON.stringify([destinationInput(d), typedCredentials(d), d.credentialEnv]);
}

export function hasPassingTest(d: Draft): boolean {
  return d.test !== null && d.test.result.outcome === 'success' && d.test.key === testKey(d);
}
