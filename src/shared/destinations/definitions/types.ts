import type { ToolRequestLimits } from '../request-limits';
import type { DestinationTool, NetworkSettings, ToolDestination } from '../schema';

/**
 * A tool described as data for the wizard: which fields to show, how to label
 * and explain them (including where to find each value), their defaults, the
 * URL builders, and what to say when the tool refuses a request. The UI
 * renders this; nothing here does I/O.
 */

/** The settings fields of one tool the wizard edits (tool and network are handled apart). */
export type ToolFieldKey<T extends DestinationTool> = Exclude<
  keyof ToolDestination<T>,
  'tool' | 'network'
> &
  string;

export interface FieldOption<V extends string = string> {
  value: V;
  label: string;
  help?: string;
}

interface FieldBase<K extends string> {
  key: K;
  label: string;
  /** One or two sentences: what it is and where to find it. */
  help: string;
  placeholder?: string;
  required: boolean;
  /** Shown under "Advanced" (collapsed by default). */
  advanced?: boolean;
}

export type FieldDefinition<K extends string = string> =
  /** A URL; the wizard validates it as it is typed. */
  | (FieldBase<K> & { kind: 'url' })
  | (FieldBase<K> & { kind: 'text' })
  /** Multi-line text (a PEM certificate). */
  | (FieldBase<K> & { kind: 'multiline' })
  | (FieldBase<K> & { kind: 'select'; options: readonly FieldOption[] })
  | (FieldBase<K> & { kind: 'checkbox' });

export interface CredentialDefinition {
  /** The key in credentialNames and in the credentials map. */
  name: string;
  label: string;
  help: string;
  placeholder: string;
  /** The header it travels in, shown as code: e.g. `Authorization: Api-Token <token>`; null when it is not sent as such. */
  sentAs: string | null;
  /** How it is used, in words, where sentAs says nothing or not enough (an S3 secret only signs). */
  sending?: string;
  /** True only where a destination can work without it. */
  optional: boolean;
}

export interface UrlBuilderInput {
  key: string;
  label: string;
  help: string;
  placeholder: string;
}

/** "Build the URL from an environment id" and friends. */
export interface UrlBuilderDefinition {
  id: string;
  label: string;
  help: string;
  inputs: readonly UrlBuilderInput[];
  /** Writes into this field. */
  target: string;
  /** The URL, or null while the inputs cannot make one. */
  build(inputs: Readonly<Record<string, string>>): string | null;
}

/** What to check when the tool answers with these statuses (Test stream, last error). */
export interface Troubleshooting {
  /** 401 */
  unauthorized: string;
  /** 403 */
  forbidden: string;
  /** 404 */
  notFound: string;
  /** 400 */
  badRequest: string;
  /** 413 */
  tooLarge: string;
  /** 5xx: what to check on the service side (the sender adds whether it retries). */
  serverError: string;
  /** Nothing listens where the URL points: the tool's usual ports and what must be running. */
  refusedConnection: string;
  /** Whose certificate an unknown one usually is, for this tool: "an ActiveGate or a company proxy". */
  certificateOwner: string;
}

export interface DestinationDefinition<T extends DestinationTool = DestinationTool> {
  tool: T;
  label: string;
  /** One line under the tile. */
  summary: string;
  /** The tool's own documentation for this integration. */
  docsUrl: string;
  fields: readonly FieldDefinition<ToolFieldKey<T>>[];
  credentials: readonly CredentialDefinition[];
  urlBuilders: readonly UrlBuilderDefinition[];
  /** Initial values for a new destination of this tool (network settings excluded). */
  defaults: { readonly [K in ToolFieldKey<T>]: ToolDestination<T>[K] };
  troubleshooting: Troubleshooting;
  /**
   * How large one request may be, as the tool documents it, with the page
   * (docs/destinations.md, "Request limits"). The exporter cuts batches to
   * these; stream settings beyond them are refused.
   */
  requestLimits: ToolRequestLimits;
  /** Network field help in this tool's own words, where the shared wording would not fit it. */
  networkHelp?: Partial<Record<NetworkFieldKey, string>>;
  /** How to find the Test stream record in the tool, or null where there is no query. */
  findRecordHint(testId: string, destination: ToolDestination<T>): string | null;
  /**
   * The query alone (DQL, NRQL, a search), for a copy button; the hint ends
   * with it. Absent where finding the record takes no query.
   */
  findRecordQuery?(testId: string): string;
}

export type NetworkFieldKey = keyof NetworkSettings & string;
