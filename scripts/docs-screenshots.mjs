// Copies the screenshots the end-to-end tests took (test-results/screenshots,
// 1280 px wide, light and dark) to docs/images under the names
// docs/user-guide.md uses. Run it after the e2e tests:
//   npx vitest run test/e2e && node scripts/docs-screenshots.mjs
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './lib/ensure-built.mjs';

const shots = join(projectRoot, 'test-results', 'screenshots');
const images = join(projectRoot, 'docs', 'images');

/** docs/images name: the screenshot it is (light unless it ends in -dark). */
const pictures = {
  'streams-overview': 'streams-overview-busy-light',
  'streams-overview-dark': 'streams-overview-busy-dark',
  'streams-empty': 'streams-empty-light',
  'demo-stream': 'demo-stream-light',
  'wizard-1-tools': 'wizard-1-tools-light',
  'wizard-2-destination': 'wizard-2-destination-light',
  'wizard-3-test-failed': 'wizard-3-test-failed-light',
  'wizard-3-test-passed': 'wizard-3-test-passed-light',
  'wizard-4-source': 'wizard-4-source-light',
  'wizard-5-review': 'wizard-5-review-light',
  'wizard-edit': 'wizard-edit-light',
  'stream-detail': 'stream-detail-live-light',
  'stream-detail-dark': 'stream-detail-live-dark',
  'stream-detail-401': 'stream-detail-401-light',
  'stream-delete': 'stream-delete-light',
  'event-log': 'event-log-light',
  'dead-letter': 'dead-letter-light',
  'inspector-live': 'inspector-live-light',
  'inspector-live-dark': 'inspector-live-dark',
  'inspector-offline': 'inspector-offline-dynatrace-light',
  'inspector-wire': 'inspector-offline-wire-light',
  'inspector-diff': 'inspector-offline-diff-light',
  settings: 'settings-light',
  'settings-dark': 'settings-dark',
};

let missing = 0;
for (const [name, shot] of Object.entries(pictures)) {
  const from = join(shots, `${shot}.png`);
  if (!existsSync(from)) {
    process.stderr.write(`missing: ${shot}.png (run the e2e tests first)\n`);
    missing++;
    continue;
  }
  copyFileSync(from, join(images, `${name}.png`));
}
process.stdout.write(`${Object.keys(pictures).length - missing} pictures copied to docs/images.\n`);
process.exit(missing > 0 ? 1 : 0);
