import { ensureBuilt } from '../../scripts/lib/ensure-built.mjs';

/**
 * Integration and e2e tests run the built app (bin/sluice.mjs, the engine
 * worker, the renderer). Build once before any test if the build is stale.
 */
export default function setup(): void {
  ensureBuilt({ quiet: true });
}
