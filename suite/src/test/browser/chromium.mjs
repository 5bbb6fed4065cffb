// Debian's Chromium as every browser test starts it: headless, a fresh profile, and none of the
// background connections this closed network refuses. CHROMIUM names another binary.
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function launch(options = {}) {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'cxmeter-chromium-')), {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    ...options,
  });
}
