// Signs in to the tenant console through Keycloak (Authorization Code with PKCE), as a tenant's
// employee would, for ConsoleOidcIT. Usage: node console-oidc.mjs '{"url":URL,"username":U,"password":P,"artifacts":DIR}'
// Prints one JSON line of what it saw; exits 1 with the reason when the sign-in fails.
import { launch } from './chromium.mjs';
import { join } from 'node:path';

const args = JSON.parse(process.argv[2]);
const seen = { consoleErrors: [] };
const context = await launch({ viewport: { width: 1280, height: 900 } });
try {
  const page = await context.newPage();
  page.on('pageerror', (error) => seen.consoleErrors.push(String(error)));
  await page.goto(`${args.url}#/surveys`);
  await page.getByRole('button', { name: 'Sign in with your company account' }).click();
  await page.locator('#username').fill(args.username);
  await page.locator('#password').fill(args.password);
  await page.screenshot({ path: join(args.artifacts, 'console-oidc-provider.png') });
  await page.locator('#kc-login').click();
  await page.locator('#surveys-table, #new-survey').first().waitFor({ timeout: 20000 });
  seen.landedOn = new URL(page.url()).hash;
  seen.addressHasCode = new URL(page.url()).searchParams.has('code');
  seen.who = await page.locator('#who').textContent();
  seen.settingsLink = await page.getByRole('link', { name: 'Settings' }).isVisible();
  seen.createForm = await page.locator('#new-survey').count();
  seen.storedKey = await page.evaluate(() => sessionStorage.getItem('cxmeter.apiKey'));
  await page.screenshot({ path: join(args.artifacts, 'console-oidc-signed-in.png'), fullPage: true });
  await page.getByRole('link', { name: 'Overview' }).click();
  await page.locator('.tile').first().waitFor({ timeout: 20000 });
  seen.tiles = await page.locator('.tile').count();
  console.log(JSON.stringify(seen));
} catch (error) {
  console.error(error.stack || String(error), JSON.stringify(seen));
  process.exitCode = 1;
} finally {
  await context.close();
}
