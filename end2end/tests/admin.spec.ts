import { test, expect } from '@playwright/test';
import * as fs from 'fs';
import { admin, areaAdmin, ready, signIn } from './helpers';

// These run in order on one server: the meter table is counted before a meter is added.

test('an operator sees the dashboard, then searches and pages the meter table', async ({ page }, info) => {
  await signIn(page, 'Admin', admin.user, admin.password);
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(page.getByText('Active meters')).toBeVisible();
  await expect(page.getByRole('link', { name: /Active meters\s*50/ })).toBeVisible();
  await page.screenshot({ path: info.outputPath('admin-dashboard.png'), fullPage: true });

  await page.getByRole('link', { name: 'Meters', exact: true }).click();
  await expect(page.getByText(/50 meters · page 1 of 3/)).toBeVisible();
  await page.screenshot({ path: info.outputPath('admin-meters.png'), fullPage: true });
  await page.getByRole('link', { name: 'Next' }).click();
  await expect(page.getByText(/page 2 of 3/)).toBeVisible();
  await page.getByLabel('Search meters').fill('demo-household');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText(/2 meters · page 1 of 1/)).toBeVisible();
  await expect(page.getByRole('row')).toHaveCount(3);
});

test('CSV export downloads the rows shown', async ({ page }) => {
  await signIn(page, 'Admin', admin.user, admin.password);
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto('/admin/meters?q=demo-household');
  await ready(page);
  await expect(page.getByRole('row')).toHaveCount(3);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('meters.csv');
  const text = fs.readFileSync(await download.path(), 'utf8');
  const lines = text.trim().split('\n');
  expect(lines).toHaveLength(3);
  expect(lines[0]).toContain('meter_address');
  expect(lines[1]).toContain('demo-household');
  expect(lines[2]).toContain('demo-household');
});

test('an operator adds a price plan, a household and a meter, closes its valve and records cash', async ({ page }, info) => {
  await signIn(page, 'Admin', admin.user, admin.password);
  await expect(page).toHaveURL(/\/admin$/);

  await page.goto('/admin/prices');
  await ready(page);
  // A price that is not a number is named next to its field, and nothing is added.
  await page.getByLabel('Plan name').fill('E2E water tariff');
  await page.getByLabel('Price per unit (flat)').fill('four');
  await page.getByRole('button', { name: 'Add price plan' }).click();
  await expect(page.locator('#field-price-error')).not.toBeEmpty();
  await expect(page.getByRole('cell', { name: 'E2E water tariff' })).toHaveCount(0);
  await page.getByLabel('Price per unit (flat)').fill('4.25');
  await page.getByRole('button', { name: 'Add price plan' }).click();
  await expect(page.getByRole('status')).toContainText(/Price plan \d+ added/);
  await expect(page.getByRole('cell', { name: 'E2E water tariff' })).toBeVisible();
  // And changed: a new flat price.
  await page.getByLabel('Plan to change').selectOption({ label: 'E2E water tariff (water)' });
  await page.getByLabel('New flat price').fill('4.5');
  await page.getByRole('button', { name: 'Save plan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'changed' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'E2E water tariff' })).toContainText('flat KES 4.50');

  await page.goto('/admin/households');
  await ready(page);
  await page.getByLabel('Household name').fill('E2E Household');
  await page.getByLabel('Phone').fill('0509990001');
  await page.getByLabel('Warn below').fill('10');
  await page.getByRole('button', { name: 'Add household' }).click();
  await expect(page.getByRole('status')).toContainText(/Household \d+ added/);
  await expect(page.getByTestId('welcome-slip')).toContainText('E2E Household');
  await page.getByLabel('Search households').fill('E2E Household');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText(/1 households · page 1 of 1/)).toBeVisible();
  // And edited: a new phone and warning amount, shown in the table after saving.
  await page.getByRole('link', { name: 'Edit E2E Household' }).click();
  await expect(page.getByRole('heading', { name: /Edit household/ })).toBeVisible();
  await ready(page);
  await page.locator('#edit-field-householdPhone').fill('0509990002');
  await page.locator('#edit-field-householdWarnMoney').fill('12.5');
  await page.getByRole('button', { name: 'Save household' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Household \d+ saved/ })).toBeVisible();
  const edited = page.getByRole('row').filter({ hasText: 'E2E Household' });
  await expect(edited).toContainText('0509990002');
  await expect(edited).toContainText('12.50');

  await page.goto('/admin/meters/new');
  await ready(page);
  await page.getByLabel('DevEUI (LoRaWAN)').fill('e2e0000000000001');
  await page.getByLabel('Customer name').fill('E2E Meter Customer');
  await page.getByLabel('Price plan').selectOption({ label: 'E2E water tariff (water)' });
  await page.getByLabel('Opening balance').fill('30');
  await page.getByRole('button', { name: 'Add meter' }).click();
  // A new household came with it: its number and random first password are shown once.
  await expect(page.getByTestId('welcome-number')).toHaveText(/^USER\d{8}$/);
  await expect(page.getByTestId('welcome-password')).toHaveText(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
  await page.getByRole('link', { name: 'Open the meter' }).click();
  await expect(page).toHaveURL(/\/admin\/meters\/\d+$/);
  await expect(page.getByRole('heading', { name: 'Meter e2e0000000000001' })).toBeVisible();
  await ready(page);

  // Closing cuts the household's supply: it asks first, naming whose.
  await page.getByRole('button', { name: 'Close valve' }).click();
  const ask = page.getByRole('alertdialog', { name: 'Close valve' });
  await expect(ask).toContainText("Close the valve of E2E Meter Customer's meter?");
  await expect(page.getByRole('button', { name: 'Close the valve now' })).toBeFocused();
  // Escape answers no, and the focus is back where it was.
  await page.keyboard.press('Escape');
  await expect(ask).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Close valve' })).toBeFocused();
  await page.getByRole('button', { name: 'Close valve' }).click();
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('No commands yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Close valve' }).click();
  await page.getByRole('button', { name: 'Close the valve now' }).click();
  const commands = page.getByTestId('commands');
  await expect(commands).toContainText('Close valve');
  await expect(commands).toContainText('queued');
  await expect(page.getByTestId('valve-now')).toHaveText(/^Closing…/);
  // The list was drawn again in the browser, which shows the utility's wall
  // clock with its own zone rules (the WASM carries no zone table).
  // "4 Dec 2026, 21:" (the page writes dates as English does, to the minute).
  const nairobi = new Date();
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: 'Africa/Nairobi', day: 'numeric', month: 'numeric', year: 'numeric', hour: '2-digit', hourCycle: 'h23',
  }).formatToParts(nairobi).map((p) => [p.type, p.value]));
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(parts.month) - 1];
  const nairobiHour = `${parts.day} ${month} ${parts.year}, ${parts.hour}:`;
  await expect(commands).toContainText(nairobiHour);
  // A second close while the first is on its way is the same command.
  await page.getByRole('button', { name: 'Close valve' }).click();
  await page.getByRole('button', { name: 'Close the valve now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'on its way already' })).toBeVisible();
  await expect(commands.getByRole('listitem')).toHaveCount(1);

  await page.getByLabel('Amount').fill('20');
  await page.getByRole('button', { name: 'Record cash' }).click();
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'succeeded' })).toBeVisible();
  await expect(page.locator('dl div').filter({ hasText: /^Balance/ })).toContainText('KES 50.00');
  await page.screenshot({ path: info.outputPath('admin-meter.png'), fullPage: true });

  // The cash was entered twice by mistake: refunded once, with a reason
  // asked with the refund itself.
  await page.getByTestId('orders').getByRole('button', { name: 'Refund' }).first().click();
  await expect(page.getByRole('alertdialog', { name: 'Refund' })).toContainText('The balance goes down by as much');
  await page.getByLabel('Reason for the refund').fill('entered twice');
  await page.getByRole('button', { name: 'Refund it' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'refunded' })).toBeVisible();
  await expect(page.getByTestId('orders')).toContainText('refunded');
  await expect(page.locator('dl div').filter({ hasText: /^Balance/ })).toContainText('KES 30.00');

  // The valve command is in the queue and its record in the valve records.
  await page.getByRole('link', { name: 'Commands', exact: true }).click();
  await expect(page.getByRole('row').filter({ hasText: 'E2E Meter Customer' })).toContainText('queued');
  await page.getByRole('link', { name: 'Valve records' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'E2E Meter Customer' })).toContainText('closed by operator');
  // Times are the utility's wall clock, and the page says which.
  await expect(page.getByText('Times in Africa/Nairobi')).toBeVisible();
});

test("an area operator cannot open another area's meter by URL", async ({ page }) => {
  await signIn(page, 'Admin', admin.user, admin.password);
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto('/admin/meters?q=demo-household');
  const href = await page.getByRole('row').nth(1).getByRole('link').getAttribute('href');
  expect(href).toMatch(/^\/admin\/meters\/\d+$/);

  await page.context().clearCookies();
  await signIn(page, 'Admin', areaAdmin.user, areaAdmin.password);
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto(href!);
  await expect(page.getByRole('alert')).toContainText('meter information not found');
  await expect(page.getByRole('button', { name: 'Close valve' })).toHaveCount(0);
  // Their own table holds only their area's meters.
  await page.goto('/admin/meters?q=demo-household');
  await expect(page.getByText(/0 meters/)).toBeVisible();
});

test('an operator reconciles payments and sees money that matched no one', async ({ page }, info) => {
  await signIn(page, 'Admin', admin.user, admin.password);
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('link', { name: /Unmatched payments\s*0/ })).toBeVisible();
  await page.getByRole('link', { name: 'Payments', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Money that matched no household' })).toBeVisible();
  await expect(page.getByText('None: every payment found its household.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Reconciliation' })).toBeVisible();
  // A range that runs backwards is named, not answered with nothing.
  await page.getByLabel('From', { exact: true }).fill('2026-12-02');
  await page.getByLabel('To', { exact: true }).fill('2026-11-01');
  await expect(page.getByText(/must be on or after the start/)).toBeVisible();
  await page.screenshot({ path: info.outputPath('admin-payments.png'), fullPage: true });
});

test('an operator tries a device codec on a sample payload and sees what the platform reads', async ({ page }, info) => {
  await signIn(page, 'Admin', admin.user, admin.password);
  await expect(page).toHaveURL(/\/admin$/);
  await page.getByRole('link', { name: 'Codecs', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Device codecs' })).toBeVisible();
  await ready(page);
  const codec = [
    'function decodeUplink(input) {',
    '  var b = input.bytes;',
    '  return { data: { register: ((b[0] << 8) | b[1]) / 1000, valve: b[2] ? "open" : "closed" } };',
    '}',
  ].join('\n');
  await page.getByLabel('Codec (JavaScript)').fill(codec);
  await page.getByLabel('Sample payload (hex)').fill('303901');
  await page.getByRole('button', { name: 'Try it' }).click();
  await expect(page.getByTestId('codec-trial')).toContainText('The platform reads: register 12.3450, valve open');
  // A codec that never returns is stopped and says so.
  await page.getByLabel('Codec (JavaScript)').fill('function decodeUplink(input) { for (;;) {} }');
  await page.getByRole('button', { name: 'Try it' }).click();
  await expect(page.getByTestId('codec-error')).toContainText('ran longer than 100 ms');
  await page.screenshot({ path: info.outputPath('admin-codecs.png'), fullPage: true });
});

test('an operator finds the demo alerts, acknowledges one with a note, and sees them on a meter', async ({ page }, info) => {
  await signIn(page, 'Admin', admin.user, admin.password);
  await expect(page).toHaveURL(/\/admin$/);
  // The dashboard counts them and leads to the list.
  await expect(page.getByRole('link', { name: /Alerts\s*\d+ open/ })).toBeVisible();
  await page.getByRole('link', { name: 'Alerts', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Alerts' })).toBeVisible();
  await ready(page);
  // The demo's latest reports carry five leak flags.
  await page.getByLabel('Kind').selectOption({ label: 'Leak flag' });
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/kind=leak/);
  // The filter form loads the page anew: wait for it to be live again.
  await ready(page);
  const rows = page.getByTestId('alerts').locator('tbody tr');
  await expect(rows).toHaveCount(5);
  await expect(rows.first()).toContainText('Reported by the meter at');
  await expect(rows.first()).toContainText('Open');
  await page.screenshot({ path: info.outputPath('admin-alerts.png'), fullPage: true });
  // Tick one, say why, acknowledge: said next to the form, the form cleared.
  await rows.first().getByRole('checkbox').check();
  await page.getByLabel('Note').fill('plumber sent');
  await page.getByRole('button', { name: 'Acknowledge ticked (1)' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Acknowledged: 1' })).toBeVisible();
  await expect(page.getByLabel('Note')).toHaveValue('');
  await expect(rows.first()).toContainText('Acknowledged by operator admin');
  await expect(rows.first()).toContainText('plumber sent');
  // The meter's page says it has an alert and links to its own.
  await rows.first().getByRole('link').click();
  await expect(page.getByTestId('meter-alerts')).toContainText(/Alerts on this meter: \d+ \(.*Leak flag/);
  await page.getByTestId('meter-alerts').getByRole('link').click();
  await expect(page).toHaveURL(/\/admin\/alerts\?meter=\d+/);
  await expect(page.getByTestId('alerts').locator('tbody tr').first()).toBeVisible();
});

// Last in this file: it adds a meter, and the first test counts them.
test('an operator checks a CSV file of meters, reads its problems by line, then imports it', async ({ page }, info) => {
  await signIn(page, 'Admin', admin.user, admin.password);
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto('/admin/meters');
  await ready(page);
  await page.getByRole('link', { name: 'Import CSV' }).click();
  await expect(page.getByRole('heading', { name: 'Import meters' })).toBeVisible();
  const file = (text: string) => ({ name: 'meters.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });

  // A file with a bad row: the problem by line and column, nothing written.
  await page.getByLabel('CSV file').setInputFiles(
    file('dev_eui,customer,energy_type\n70b3d5e2e0000001,Wanjiru Import,water\nnot-an-eui,Second Row,water\n'),
  );
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Problems found: 1. Nothing was written');
  const problem = page.getByRole('table', { name: 'Problems' }).locator('tbody tr');
  await expect(problem).toHaveCount(1);
  await expect(problem).toContainText('3');
  await expect(problem).toContainText('dev_eui');
  await expect(problem).toContainText('must be 16 hexadecimal digits');
  await page.screenshot({ path: info.outputPath('admin-import-problems.png'), fullPage: true });

  // Corrected: checked, then imported from the report, and the meter opens.
  await page.getByLabel('CSV file').setInputFiles(
    file('dev_eui,customer,energy_type\n70b3d5e2e0000001,Wanjiru Import,water\n70b3d5e2e0000002,Second Row,water\n'),
  );
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('The file is good: nothing was written yet.');
  await expect(page.getByText('Rows read: 2 · meters: 2 · new households: 2')).toBeVisible();
  await page.getByRole('button', { name: 'Import these rows' }).click();
  await expect(page.getByRole('status')).toContainText('Imported. Every row was written.');
  await page.getByRole('link', { name: '70b3d5e2e0000001' }).click();
  await expect(page).toHaveURL(/\/admin\/meters\/\d+$/);
  await expect(page.getByText('Wanjiru Import').first()).toBeVisible();
});

test('an operator lists a public holiday for friendly credit and takes it off again', async ({ page }) => {
  await signIn(page, 'Admin', admin.user, admin.password);
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto('/admin/valves');
  await ready(page);
  const holidays = page.getByRole('region', { name: 'Friendly credit: holidays' });
  await expect(holidays.getByText('No holidays listed.')).toBeVisible();
  await holidays.getByLabel('Day', { exact: true }).fill('2027-01-01');
  await holidays.getByLabel('Holiday', { exact: true }).fill("New Year's Day");
  await holidays.getByRole('button', { name: 'Add the holiday' }).click();
  await expect(holidays.getByRole('status')).toContainText('2027-01-01 is listed');
  await expect(holidays.getByRole('listitem')).toContainText("New Year's Day");
  await holidays.getByRole('button', { name: 'Remove the holiday of 2027-01-01' }).click();
  await expect(holidays.getByText('No holidays listed.')).toBeVisible();
});
