import type { Processing, RulesProfileId } from './types';

/**
 * Which Dynatrace a stream sends to decides which rules and limits apply:
 * SaaS with OpenPipeline custom processing keeps value types and has the
 * Log Management and Analytics limits; SaaS logs routed to the Classic
 * pipeline lowercase keys, stringify values and have a lower content
 * limit; Managed (Log Monitoring Classic) has much lower limits and only
 * the flattened model.
 */
export const dynatraceTenants = ['saas-openpipeline', 'saas-classic', 'managed'] as const;
export type DynatraceTenant = (typeof dynatraceTenants)[number];

export const dynatraceTenantLabels: Record<DynatraceTenant, string> = {
  'saas-openpipeline': 'SaaS with OpenPipeline',
  'saas-classic': 'SaaS, routed to the Classic pipeline',
  managed: 'Managed (Log Monitoring Classic)',
};

export interface MappingTarget {
  profile: RulesProfileId;
  processing: Processing;
}

export function mappingTargetOf(tenant: DynatraceTenant): MappingTarget {
  switch (tenant) {
    case 'saas-openpipeline':
      return { profile: 'current-docs', processing: 'openpipeline' };
    case 'saas-classic':
      return { profile: 'current-docs', processing: 'classic' };
    case 'managed':
      return { profile: 'classic', processing: 'classic' };
  }
}
