// Drives the tenant console in Debian's Chromium as a tenant's people would, for ConsoleBrowserIT.
// Usage: node console.mjs '{"url":URL,"adminKey":KEY,"readKey":KEY,"otherKey":KEY,"followUpResponse":ID,"artifacts":DIR}'
// Prints one JSON line of what it saw (tiles, explore table, axe findings per page); exits 1 with
// the reason when a page does not behave.
import { launch } from './chromium.mjs';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const args = JSON.parse(process.argv[2]);
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const seen = { consoleErrors: [], axe: {} };

function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** axe-core's serious and critical findings on the page as it is now. */
async function audit(page, name) {
  // Evaluated through the DevTools protocol: the console's own policy forbids inline scripts.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const run = await axe.run(document, { resultTypes: ['violations'] });
    return run.violations.filter((v) => ['serious', 'critical'].includes(v.impact))
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  seen.axe[name] = result;
}

async function shot(page, name) {
  await page.screenshot({ path: join(args.artifacts, `console-${name}.png`), fullPage: true });
}

async function signIn(page, key) {
  await page.goto(args.url);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in with the key' }).click();
  await page.locator('.tile').first().waitFor({ timeout: 20000 });
}

const context = await launch({ viewport: { width: 1280, height: 900 } });
try {
  const page = await context.newPage();
  page.on('console', (message) => { if (message.type() === 'error') seen.consoleErrors.push(message.text()); });
  page.on('pageerror', (error) => seen.consoleErrors.push(String(error)));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/api/v1/metrics/summary') seen.summaryRequests = (seen.summaryRequests || 0) + 1;
    if (url.pathname === '/api/v1/metrics/summary' && url.searchParams.getAll('team').join() === 'tier-1') {
      seen.teamSummaryRequested = true;
    }
    if (url.pathname === '/api/v1/metrics/first-response-time' && url.searchParams.get('clock') === 'business') {
      seen.businessClockRequested = true;
    }
    if (url.pathname === '/api/v1/metrics/first-response-time' && url.searchParams.getAll('channel').join() === 'email') {
      seen.filterRequested = true;
    }
    if (url.pathname === '/api/v1/metrics/summary' && url.searchParams.get('interval') === 'day' && !seen.summaryRequest) {
      seen.summaryRequest = { from: url.searchParams.get('from'), to: url.searchParams.get('to'),
        compare: url.searchParams.get('compare') };
    }
  });

  // Sign-in page first: it is what a new user sees.
  await page.goto(args.url);
  await page.getByLabel('API key').waitFor();
  await audit(page, 'sign-in');
  await shot(page, 'sign-in');

  // Overview: a tile per metric, with its value, sample size and sparkline.
  await signIn(page, args.adminKey);
  await page.waitForFunction(() => document.querySelectorAll('.tile canvas').length > 0, null, { timeout: 10000 });
  seen.freshness = await page.locator('#freshness').textContent();
  seen.atRisk = await page.locator('#at-risk tbody tr').allTextContents();
  seen.tiles = await page.locator('.tile').evaluateAll((tiles) => tiles.map((t) => ({
    metric: t.dataset.metric, value: t.dataset.value === '' ? null : Number(t.dataset.value), count: Number(t.dataset.count),
    text: t.querySelector('.value').textContent, delta: t.querySelector('.delta')?.textContent ?? null,
    ci95: t.querySelector('.ci95') ? [Number(t.querySelector('.ci95').dataset.low), Number(t.querySelector('.ci95').dataset.high)] : null,
    lowSample: t.querySelector('.low-sample') !== null })));
  seen.overviewSummaryRequests = seen.summaryRequests;
  seen.who = await page.locator('#who').textContent();
  // A fresh load of the overview, signed in: when the first paint and the tiles came, and what the
  // page's scripts and styles weighed on the wire (figures printed, not asserted).
  await page.reload();
  await page.locator('.tile').first().waitFor({ timeout: 20000 });
  seen.timing = await page.evaluate(() => ({
    firstPaintMs: Math.round(performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime ?? -1),
    tilesMs: Math.round(performance.now()),
    assets: performance.getEntriesByType('resource').filter((r) => /\.(js|css)$/.test(new URL(r.name).pathname))
      .map((r) => ({ file: new URL(r.name).pathname.split('/').pop(), bytes: r.encodedBodySize })),
  }));
  await audit(page, 'overview');
  await shot(page, 'overview');

  // The period changes the numbers' window.
  await page.getByLabel('Period').selectOption('7');
  await page.waitForFunction(() => location.hash.includes('days=7') || document.querySelector('#period').value === '7');
  await page.locator('.tile').first().waitFor();
  // Only team tier-1: the metrics that have teams, for that team's facts.
  await page.getByLabel('Only team').fill('tier-1');
  await page.getByLabel('Only team').press('Enter');
  await page.waitForURL(/only\.team=tier-1/);
  await page.waitForFunction(() => document.querySelector('.tile[data-metric="ticket-volume"]')
    && !document.querySelector('.tile[data-metric="nps"]'));
  seen.teamTiles = await page.locator('.tile').evaluateAll((tiles) => tiles.map((t) => t.dataset.metric));
  await audit(page, 'overview-team');

  // Explore: ticket volume by channel, one group drilled into, the table exported.
  await page.goto(`${args.url}#/explore?metric=ticket-volume&days=30&interval=day&groupBy=channel`);
  await page.locator('#explore-table tbody tr').first().waitFor({ timeout: 10000 });
  seen.explore = {
    value: await page.locator('#explore-value').textContent(),
    rows: await page.locator('#explore-table tbody tr').evaluateAll((rows) => rows.map((r) => [...r.cells].map((c) => c.textContent))),
  };
  const first = page.locator('#explore-table tbody button').first();
  await first.focus();
  await page.keyboard.press('Enter');
  check(await first.getAttribute('aria-pressed') === 'true', 'a group chosen by keyboard is not marked as chosen');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  seen.csv = readFileSync(await download.path(), 'utf8');
  await page.getByLabel('Break down by').selectOption('');
  await page.waitForFunction(() => document.querySelector('#explore-table caption')?.textContent.startsWith('By day'));
  await audit(page, 'explore');
  await shot(page, 'explore');

  // Survey values: each group's 95 % interval, and a flag where a group rests on few answers.
  await page.goto(`${args.url}#/explore?metric=csat&days=30&interval=week&groupBy=channel`);
  await page.locator('#explore-table tbody tr').first().waitFor({ timeout: 10000 });
  seen.csatHeaders = await page.locator('#explore-table thead th').allTextContents();
  seen.csatRows = await page.locator('#explore-table tbody tr').evaluateAll((rows) => rows.map((r) => ({
    key: r.cells[0].textContent, lowSample: r.querySelector('.low-sample') !== null,
    ci95: r.querySelector('.ci95') ? [Number(r.querySelector('.ci95').dataset.low), Number(r.querySelector('.ci95').dataset.high)] : null })));
  await audit(page, 'explore-intervals');

  // Durations: the median and the 90th percentile beside the mean, and chartable.
  await page.goto(`${args.url}#/explore?metric=first-response-time&days=30&interval=week&groupBy=channel&statistic=median`);
  await page.locator('#explore-table tbody tr').first().waitFor({ timeout: 10000 });
  seen.durationHeaders = await page.locator('#explore-table thead th').allTextContents();
  seen.statistic = await page.getByLabel('Statistic').inputValue();
  await shot(page, 'explore-durations');
  // The same in business hours.
  await page.getByLabel('Clock').selectOption('business');
  await page.waitForURL(/clock=business/);
  await page.locator('#explore-table tbody tr').first().waitFor({ timeout: 10000 });
  seen.clock = await page.getByLabel('Clock').inputValue();
  // Only e-mail: the one group left is e-mail's, and the API was asked for it.
  await page.getByLabel('Only channel').fill('email');
  await page.getByLabel('Only channel').press('Enter');
  await page.waitForURL(/only\.channel=email/);
  await page.waitForFunction(() => document.querySelector('#explore-table caption')?.textContent.includes('only channel email'));
  seen.filteredRows = await page.locator('#explore-table tbody tr').evaluateAll((rows) => rows.map((r) => r.cells[0].textContent));
  await audit(page, 'explore-filtered');
  await shot(page, 'explore-filtered');

  // Low scores: the detractors of the period, newest first.
  await page.getByRole('link', { name: 'Low scores' }).click();
  // First every survey's, newest first, each row naming its survey.
  await page.waitForFunction(() => document.querySelector('#low-scores-table caption')?.textContent.includes('across'),
    null, { timeout: 10000 });
  seen.allLowScores = { caption: await page.locator('#low-scores-table caption').textContent(),
    surveys: [...new Set(await page.locator('#low-scores-table tbody tr td:nth-child(2)').allTextContents())] };
  await page.getByLabel('Survey').selectOption({ label: 'NPS after support (NPS)' });
  await page.waitForFunction(() => document.querySelector('#survey')?.selectedOptions[0]?.textContent.startsWith('NPS'));
  await page.waitForFunction(() => !document.querySelector('#low-scores-table caption')?.textContent.includes('across'),
    null, { timeout: 10000 });
  await page.locator('#low-scores-table tbody tr').first().waitFor({ timeout: 10000 });
  seen.lowScores = await page.locator('#low-scores-table tbody tr').evaluateAll((rows) => rows.map((r) => [...r.cells].map((c) => c.textContent)));
  await audit(page, 'low-scores');
  await shot(page, 'low-scores');

  // A low score marked handled: its follow-up (opened on the way when it had none) is resolved.
  const status = (id) => page.locator(`.follow-up-status[data-response="${id}"]`);
  const resolved = (id) => page.waitForFunction((id) => document.querySelector(`.follow-up-status[data-response="${id}"]`)
    ?.textContent.startsWith('resolved'), id, { timeout: 10000 });
  seen.handledWithoutFollowUp = await page.locator('.follow-up-status').evaluateAll((nodes) =>
    nodes.find((node) => !node.textContent.startsWith('resolved'))?.dataset.response);
  seen.lowScoreBefore = await status(seen.handledWithoutFollowUp).textContent();
  await page.getByRole('button', { name: `Mark handled: response ${seen.handledWithoutFollowUp}`, exact: true }).click();
  await resolved(seen.handledWithoutFollowUp);

  // A detractor whose answer opened a follow-up: contacted, then handled; the ticket moves with it.
  await page.getByLabel('Survey').selectOption({ label: 'Follow-up NPS (NPS)' });
  const contacted = page.getByRole('button', { name: `Mark contacted: response ${args.followUpResponse}`, exact: true });
  await contacted.waitFor({ timeout: 10000 });
  seen.followUpBefore = await status(args.followUpResponse).textContent();
  await contacted.click();
  await page.waitForFunction((id) => document.querySelector(`.follow-up-status[data-response="${id}"]`)
    ?.textContent.startsWith('contacted'), args.followUpResponse, { timeout: 10000 });
  await page.getByRole('button', { name: `Mark handled: response ${args.followUpResponse}`, exact: true }).click();
  await resolved(args.followUpResponse);
  seen.followUpAfter = await status(args.followUpResponse).textContent();
  await shot(page, 'low-scores-handled');

  // Follow-ups across surveys: the one just handled is no longer pending, and is among the resolved.
  await page.getByRole('link', { name: 'Follow-ups' }).click();
  const listed = () => page.waitForFunction(() => document.querySelector('#follow-ups-table')
    || [...document.querySelectorAll('main p')].some((p) => p.textContent === 'No follow-up matches.'), null, { timeout: 10000 });
  await listed();
  seen.pendingFollowUps = await page.locator('#follow-ups-table tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.followUp));
  await page.getByLabel('Status').selectOption('resolved');
  const handledRow = page.locator(`#follow-ups-table tr[data-follow-up$=":${args.followUpResponse}"]`);
  await handledRow.waitFor({ timeout: 10000 });
  seen.resolvedFollowUp = await handledRow.textContent();
  // Its notes: none yet; one added from the list.
  seen.followUpId = await handledRow.getAttribute('data-follow-up');
  await handledRow.getByRole('button', { name: /^Notes/ }).click();
  const notesRow = page.locator(`tr[data-notes-of="${seen.followUpId}"]`);
  await notesRow.getByLabel('New note').fill('Called back; refund sent.');
  await notesRow.getByRole('button', { name: 'Add note' }).click();
  await notesRow.locator('.follow-up-notes li').first().waitFor({ timeout: 10000 });
  seen.followUpNotes = await notesRow.locator('.follow-up-notes li').allTextContents();
  await audit(page, 'follow-ups');
  await shot(page, 'follow-ups');

  // E-mails: the ones still waiting to leave, and a customer's asks.
  await page.getByRole('link', { name: 'E-mails' }).click();
  await page.getByLabel('Status').selectOption('scheduled');
  await page.waitForFunction(() => document.querySelector('#messages-table caption')?.textContent.includes('(scheduled)'),
    null, { timeout: 10000 });
  seen.waitingMessages = await page.locator('#messages-table tbody tr').allTextContents();
  await page.getByLabel('Customer').fill('C-mail');
  await page.getByLabel('Customer').press('Enter');
  await page.locator('#customer-asks').waitFor({ timeout: 10000 });
  seen.customerAsks = await page.locator('#customer-asks').textContent();
  await audit(page, 'emails');
  await shot(page, 'emails');

  // Customers: the first one's record and tickets.
  await page.getByRole('link', { name: 'Customers' }).click();
  const firstCustomer = page.locator('#customers-table tbody tr a').first();
  await firstCustomer.waitFor({ timeout: 10000 });
  seen.customer = { id: await firstCustomer.textContent() };
  await firstCustomer.click();
  await page.locator('#customer-record dl').waitFor({ timeout: 10000 });
  await page.getByRole('heading', { name: 'Survey asks' }).waitFor();
  seen.customer.record = await page.locator('#customer-record').textContent();
  seen.customer.tickets = await page.locator('#customer-tickets tbody tr td:first-child').allTextContents();
  await audit(page, 'customer');
  await shot(page, 'customer');

  // Surveys: create one and see its widget snippet.
  await page.getByRole('link', { name: 'Surveys' }).click();
  await page.getByLabel('Name').fill('Console CSAT');
  await page.getByLabel('Kind').selectOption('CSAT');
  await page.getByRole('button', { name: 'Create survey' }).click();
  await page.getByRole('cell', { name: 'Console CSAT', exact: true }).waitFor();
  seen.snippet = await page.locator('tr', { hasText: 'Console CSAT' }).locator('pre').textContent();
  await audit(page, 'surveys');
  await shot(page, 'surveys');

  // Edit it: texts per locale, touchpoint, allowed origins; a line without a locale is refused first.
  await page.getByRole('link', { name: 'Edit Console CSAT' }).click();
  await page.getByLabel('Touchpoint').fill('checkout');
  await page.getByLabel('Question per locale (locale: text, one a line)').fill('How was checkout?');
  await page.getByRole('button', { name: 'Save changes' }).click();
  seen.editError = await page.locator('#edit-survey [role=alert]').textContent();
  await page.getByLabel('Question per locale (locale: text, one a line)').fill('en: How was checkout?\nlt: Kaip sekėsi?');
  await page.getByLabel('Sites that may embed the widget (one origin a line)').fill('https://shop.example.com');
  await page.getByLabel('Channel label').fill('web');
  await page.getByLabel('Comment prompt per locale').fill('en: What could we do better?\nlt: Ką galėtume padaryti geriau?');
  await audit(page, 'survey-edit');
  await shot(page, 'survey-edit');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('#surveys-table').waitFor();

  // Open it again: the live widget and the e-mail, previewed in two languages; answering the preview records nothing.
  await page.getByRole('link', { name: 'Edit Console CSAT' }).click();
  const widgetPreview = page.locator('#widget-preview');
  await widgetPreview.getByText('How was checkout?').waitFor({ timeout: 10000 });
  await page.locator('#email-preview pre').waitFor();
  seen.preview = { widgetQuestion: await widgetPreview.locator('legend').textContent(),
    emailSubject: (await page.locator('#email-preview p').first().textContent()) };
  await page.getByLabel('Preview language').selectOption('lt');
  await widgetPreview.getByText('Kaip sekėsi?').waitFor({ timeout: 10000 });
  await page.locator('#email-preview').getByText('Kaip mums sekėsi?').waitFor({ timeout: 10000 });
  seen.preview.widgetQuestionLt = await widgetPreview.locator('legend').textContent();
  seen.preview.emailSubjectLt = await page.locator('#email-preview p').first().textContent();
  await widgetPreview.locator('label', { hasText: '4' }).first().click();
  await widgetPreview.getByRole('button', { name: 'Siųsti' }).click();
  const skip = widgetPreview.getByRole('button', { name: 'Praleisti' });
  await skip.waitFor({ timeout: 3000 }).then(() => skip.click(), () => { /* no follow-up question */ });
  await widgetPreview.getByRole('status').waitFor({ timeout: 10000 });
  seen.preview.thanks = await widgetPreview.getByRole('status').textContent();
  // Sending on resolution, and an agent's signature link.
  await page.getByLabel('Send when a ticket is resolved').check();
  await page.getByLabel('After (minutes)').fill('120');
  await page.getByLabel('Remind after (days, empty: never)').fill('3');
  await page.getByRole('button', { name: 'Save sending' }).click();
  await page.locator('#survey-sending').getByText('Saved.').waitFor();
  await page.getByLabel('Agent id').fill('A-1');
  await page.getByRole('button', { name: 'Get signature link' }).click();
  await page.locator('#signature-link pre').waitFor();
  seen.signature = await page.locator('#signature-link pre').textContent();
  await audit(page, 'survey-sending');
  await shot(page, 'survey-sending');

  // Settings (admin): the tenant and its keys.
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Time zone').waitFor();
  seen.timeZone = await page.getByLabel('Time zone').inputValue();
  // Survey e-mail: the relay (its password never shown again) and the fatigue budget.
  await page.getByLabel('SMTP host').fill('smtp.shop.example');
  await page.getByLabel('Port').fill('587');
  await page.getByLabel('User name').fill('cx');
  await page.getByLabel('Password', { exact: true }).fill('relay-secret');
  await page.getByLabel('From address').fill('care@shop.example');
  await page.getByLabel('Brand colour').fill('#aa3300');
  await page.getByRole('button', { name: 'Save e-mail settings' }).click();
  await page.locator('#email-settings').getByText('Saved.', { exact: false }).waitFor();
  await page.getByLabel('At most (asks)').fill('1');
  await page.getByLabel('Per (days)').fill('7');
  await page.getByRole('button', { name: 'Save budget' }).click();
  await page.locator('#contact-policy').getByText('Saved.').waitFor();
  // Business hours: a day written wrongly is refused, then weekdays with a lunch break, weekends closed.
  const hours = page.locator('#business-hours');
  seen.hoursBefore = await hours.getByLabel('Monday', { exact: true }).inputValue();
  await hours.getByLabel('Saturday', { exact: true }).fill('9 to 5');
  await page.getByRole('button', { name: 'Save business hours' }).click();
  seen.businessHoursError = await page.locator('#business-hours [role=alert]').textContent();
  await hours.getByLabel('Saturday', { exact: true }).fill('');
  await hours.getByLabel('Sunday', { exact: true }).fill('');
  for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) {
    await hours.getByLabel(day, { exact: true }).fill('09:00-12:00, 13:00-17:00');
  }
  await hours.getByLabel('Holidays').fill('2026-12-25\n2026-12-24');
  await page.getByRole('button', { name: 'Save business hours' }).click();
  await page.locator('#business-hours').getByText('Saved.', { exact: false }).waitFor();
  // A team with hours of its own (New York, long weekdays), shown in the list, then back on the default.
  seen.teamHoursBefore = await page.locator('#team-hours-none').textContent();
  const teamHoursForm = page.locator('#team-business-hours');
  await teamHoursForm.getByLabel('Team', { exact: true }).fill('tier-1');
  await teamHoursForm.getByLabel('Zone of the business hours').fill('America/New_York');
  for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) {
    await teamHoursForm.getByLabel(day, { exact: true }).fill('08:00-20:00');
  }
  await page.getByRole('button', { name: 'Save team hours' }).click();
  await page.locator('#team-hours-table tbody tr').first().waitFor();
  // The list is read back from the server after the save.
  seen.teamHoursRow = await page.locator('#team-hours-table tbody tr').first().textContent();
  await page.getByRole('button', { name: 'Use the default hours for tier-1' }).click();
  seen.teamHoursAfter = await page.locator('#team-hours-none').textContent();
  // Webhooks: an endpoint subscribed (its secret shown once), then paused.
  await page.getByLabel('Endpoint URL').fill('http://127.0.0.1:9/hooks');
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  await page.locator('#webhook-secret code').waitFor();
  seen.webhookSecret = await page.locator('#webhook-secret code').textContent();
  seen.webhookRow = await page.locator('#webhooks-table tbody tr').first().textContent();
  await page.getByRole('button', { name: 'Pause http://127.0.0.1:9/hooks' }).click();
  await page.getByRole('button', { name: 'Resume http://127.0.0.1:9/hooks' }).waitFor();
  seen.webhookPaused = await page.locator('#webhooks-table tbody tr').first().textContent();
  // Alerts: a rule on CSAT by channel, e-mail and chat only, added, then paused.
  const alertForm = page.locator('#new-alert');
  await alertForm.getByLabel('Rule name').fill('CSAT by channel');
  await alertForm.getByLabel('Metric').selectOption('csat');
  await alertForm.getByLabel('Watch').selectOption('channel');
  await alertForm.getByLabel('Only (dimension=value, …)').fill('channel=email, channel=chat');
  await alertForm.getByLabel('Threshold').fill('80');
  await alertForm.getByLabel('Well again at').fill('85');
  await alertForm.getByLabel('At least (facts)').fill('30');
  await alertForm.getByLabel('E-mail to (comma-separated)').fill('leads@shop.example');
  await alertForm.getByRole('button', { name: 'Add alert rule' }).click();
  await page.locator('#alert-message').getByText('Alert rule added.').waitFor();
  seen.alertRow = await page.locator('#alerts-table tbody tr').first().textContent();
  await page.getByRole('button', { name: 'Pause CSAT by channel' }).click();
  await page.getByRole('button', { name: 'Resume CSAT by channel' }).waitFor();
  seen.alertPaused = await page.locator('#alerts-table tbody tr').first().textContent();
  // SLA policies: one for urgent e-mail in business hours added to the one the tenant has (the history
  // holds no urgent ticket, so the overview's numbers stay what the Java side reads again).
  const slaForm = page.locator('#sla-policy');
  await slaForm.getByLabel('Policy name').fill('Urgent e-mail');
  await slaForm.getByLabel('Priorities').fill('urgent');
  await slaForm.getByLabel('Channels').fill('email');
  await slaForm.getByLabel('First reply within (minutes)').fill('60');
  await slaForm.getByLabel('Resolution within (hours)').fill('24');
  await slaForm.getByLabel('Measured in').selectOption('business');
  await slaForm.getByRole('button', { name: 'Add SLA policy' }).click();
  await page.locator('#sla-table').getByText('Urgent e-mail').waitFor();
  seen.slaRows = await page.locator('#sla-table tbody tr').allTextContents();
  await audit(page, 'settings');
  await shot(page, 'settings');

  // A phone: 375 px wide, nothing wider than the screen.
  await page.setViewportSize({ width: 375, height: 800 });
  await page.getByRole('link', { name: 'Overview' }).click();
  await page.locator('.tile').first().waitFor();
  seen.phoneOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await shot(page, 'overview-375');
  await page.setViewportSize({ width: 1280, height: 900 });

  // A read-only key sees the numbers and no write action.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, args.readKey);
  seen.readOnly = { settingsLink: await page.getByRole('link', { name: 'Settings' }).isVisible() };
  await page.getByRole('link', { name: 'Surveys' }).click();
  await page.getByRole('cell', { name: 'Console CSAT', exact: true }).waitFor();
  seen.readOnly.createForm = await page.locator('#new-survey').count();
  seen.readOnly.pauseButtons = await page.getByRole('button', { name: 'Pause' }).count();
  await shot(page, 'surveys-read-only');
  await page.getByRole('link', { name: 'Low scores' }).click();
  await page.getByLabel('Survey').selectOption({ label: 'NPS after support (NPS)' });
  await page.locator('#low-scores-table tbody tr').first().waitFor({ timeout: 10000 });
  seen.readOnly.followUpButtons = await page.getByRole('button', { name: /^(Mark|Follow up|Reopen)/ }).count();

  // Another tenant's admin sees none of this tenant's data.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, args.otherKey);
  seen.otherTenant = { ticketVolume: await page.locator('.tile[data-metric="ticket-volume"]').getAttribute('data-count') };
  await page.getByRole('link', { name: 'Surveys' }).click();
  await page.locator('#surveys-table').waitFor();
  seen.otherTenant.surveys = await page.locator('#surveys-table tbody tr').count();
  // Its admin erases one of its own customers everywhere, confirming first.
  await page.getByRole('link', { name: 'Customers' }).click();
  await page.getByLabel('Customer id').fill(args.erasedCustomer);
  await page.getByRole('button', { name: 'Open' }).click();
  await page.locator('#customer-record dl').waitFor({ timeout: 10000 });
  await page.getByRole('button', { name: 'Erase this customer everywhere…' }).click();
  await page.getByRole('button', { name: `Yes, erase ${args.erasedCustomer} everywhere` }).click();
  await page.waitForFunction(() => document.querySelector('#erasure-status')?.textContent.startsWith('Erased everywhere'),
    null, { timeout: 60000 });
  seen.erasure = await page.locator('#erasure-status').textContent();

  console.log(JSON.stringify(seen));
} catch (error) {
  await Promise.all(context.pages().map((page, i) => shot(page, `failure-${i}`).catch(() => {})));
  console.error(error.stack || String(error), JSON.stringify(seen));
  process.exitCode = 1;
} finally {
  await context.close();
}
