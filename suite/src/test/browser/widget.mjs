// Drives the survey widget in Debian's Chromium, as a visitor would, for WidgetBrowserIT.
// Usage: node widget.mjs '{"allowed":URL,"browserLanguage":URL,"hostile":URL,"artifacts":DIR,"comment":TEXT}'
// Prints one JSON line of what it saw; exits 1 (with the reason) when the widget misbehaves.
import { launch } from './chromium.mjs';
import { join } from 'node:path';

const args = JSON.parse(process.argv[2]);
const seen = { consoleErrors: [] };

function check(condition, message) {
  if (!condition) throw new Error(message);
}

const context = await launch({ locale: 'de-DE' });
try {
  const page = await context.newPage();
  page.on('console', (message) => { if (message.type() === 'error') seen.consoleErrors.push(message.text()); });
  page.on('pageerror', (error) => seen.consoleErrors.push(String(error)));

  // 1. A page of an allowed origin, strict CSP, hostile host styles, data-locale="lt-LT".
  await page.goto(args.allowed);
  const radios = page.locator('[data-cxmeter-survey] input[type=radio][name=score]');
  await radios.first().waitFor({ timeout: 15000 });
  seen.question = await page.locator('[data-cxmeter-survey] legend').textContent();
  seen.radios = await radios.count();
  seen.radiogroupName = await page.getByRole('radiogroup').getAttribute('aria-labelledby');
  seen.lang = await page.locator('[data-cxmeter-survey] .w').getAttribute('lang');
  // Host styles must not reach inside: the page makes every button invisible and every text red.
  const send = page.locator('[data-cxmeter-survey] button[type=submit]');
  seen.sendVisible = await send.isVisible();
  seen.sendColor = await send.evaluate((node) => getComputedStyle(node).color);
  seen.sendDisabledBeforeChoice = await send.isDisabled();

  // Keyboard only: focus the scale, arrow to 9, Tab to Send, Enter.
  await radios.first().focus();
  for (let i = 0; i < 9; i++) await page.keyboard.press('ArrowRight');
  seen.checked = await page.locator('[data-cxmeter-survey] input[name=score]:checked').getAttribute('value');
  await page.screenshot({ path: join(args.artifacts, 'widget-scale.png') });
  await page.keyboard.press('Tab');
  seen.focusAfterTab = await page.evaluate(() => {
    const host = document.querySelector('[data-cxmeter-survey]');
    const active = host && host.shadowRoot.activeElement;
    return active ? active.tagName + ':' + active.getAttribute('type') : null;
  });
  await page.keyboard.press('Enter');

  // The follow-up question, with the focus already in its text box.
  const comment = page.locator('[data-cxmeter-survey] textarea');
  await comment.waitFor({ timeout: 15000 });
  seen.followUpQuestion = await page.locator('[data-cxmeter-survey] label[for=c]').textContent();
  await page.keyboard.type(args.comment);
  await page.locator('[data-cxmeter-survey] button[type=submit]').click();
  const thanks = page.locator('[data-cxmeter-survey] [role=status]');
  await thanks.waitFor({ timeout: 15000 });
  seen.thanks = await thanks.textContent();
  await page.screenshot({ path: join(args.artifacts, 'widget-thanks.png') });
  seen.cspErrors = seen.consoleErrors.filter((text) => /Content.Security.Policy/i.test(text));

  // 2. No data-locale: the browser's language (de-DE) decides.
  await page.goto(args.browserLanguage);
  await page.locator('[data-cxmeter-survey] legend').waitFor({ timeout: 15000 });
  seen.browserLanguageQuestion = await page.locator('[data-cxmeter-survey] legend').textContent();

  // 3. A page of an origin the survey does not allow: nothing appears.
  await page.goto(args.hostile);
  await page.waitForTimeout(2500);
  seen.hostileWidgets = await page.locator('[data-cxmeter-survey]').count();

  check(seen.checked === '9', 'ArrowRight x9 from 0 should check 9, checked ' + seen.checked);
  check(seen.focusAfterTab === 'BUTTON:submit', 'Tab after the scale should reach Send, reached ' + seen.focusAfterTab);
  check(seen.cspErrors.length === 0, 'CSP violations: ' + seen.cspErrors.join(' | '));
  console.log(JSON.stringify(seen));
} catch (error) {
  console.log(JSON.stringify(seen));
  console.error(error.stack || String(error));
  process.exitCode = 1;
} finally {
  await context.close();
}
