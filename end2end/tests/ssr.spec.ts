import { test, expect } from '@playwright/test';
import * as fs from 'fs';
import { admin, balanceOf, household, money } from './helpers';

// With JavaScript off, the server-rendered pages still show their data.
test('the sign-in page renders without JavaScript', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByLabel('Password')).toBeVisible();
});

test('an operator page without a session says to sign in', async ({ page }) => {
  await page.goto('/admin');
  await expect(page.getByRole('alert')).toContainText('please sign in');
});

// Forms post like any HTML form before (or without) JavaScript; the server
// answers by sending the browser back to the page it came from (a top-up:
// to the dashboard, naming the order).
test('a household signs in and tops up without JavaScript', async ({ page, javaScriptEnabled }) => {
  test.skip(javaScriptEnabled, 'hydrated pages ask for a confirmation first (journeys.spec.ts)');
  await page.goto('/');
  await page.getByLabel('I am').selectOption('Household');
  await page.getByLabel('Name, household number or phone').fill(household.user);
  await page.getByLabel('Password').fill(household.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText(`Signed in as ${household.user}.`)).toBeVisible();
  await page.getByRole('link', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/household$/);
  const before = await balanceOf(page);
  await page.getByLabel('Phone that pays').fill('0712345678');
  await page.getByLabel('Amount').fill('5');
  await page.getByRole('button', { name: 'Pay' }).click();
  // The page comes back following the order, reloads itself (no script
  // needed) until the provider confirms, then shows the outcome, the new
  // balance and the order in the history.
  await expect(page).toHaveURL(/\/household\?paid=\w+$/);
  await expect(page.getByRole('status')).toContainText(/Payment \w+ succeeded: KES 5\.00 added\./, { timeout: 20_000 });
  await expect(page.getByTestId('balance')).toHaveText(money(before + 5));
  await expect(page.getByTestId('payments').first()).toContainText('5.00 · succeeded');
  // An address naming no order of this household shows the dashboard without an outcome.
  const other = await page.goto('/household?paid=ML-none');
  expect(other!.status()).toBe(200);
  await expect(page.getByTestId('balance')).toHaveText(money(before + 5));
  await expect(page.getByRole('status')).toHaveCount(0);
});

// A form that fails without JavaScript comes back to its page with the
// message where the form is, never the server function's raw answer.
test('a wrong password without JavaScript is named on the sign-in page', async ({ page, javaScriptEnabled }) => {
  test.skip(javaScriptEnabled, 'hydrated, the island shows it (journeys.spec.ts)');
  await page.goto('/');
  await page.getByLabel('I am').selectOption('Household');
  await page.getByLabel('Name, household number or phone').fill(household.user);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/\?__path=/);
  await expect(page.getByRole('alert')).toHaveText('Password: wrong username or password');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('the language menu works without JavaScript', async ({ page }) => {
  await page.goto('/');
  await page.locator('header summary').click();
  await page.getByRole('link', { name: 'Kiswahili' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'sw');
  await page.locator('header summary').click();
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('without JavaScript the import form answers its report as a CSV file', async ({ page, javaScriptEnabled }) => {
  test.skip(javaScriptEnabled, 'hydrated, the page shows the report (admin.spec.ts)');
  await page.goto('/');
  await page.getByLabel('I am').selectOption('Admin');
  await page.getByLabel('Name, household number or phone').fill(admin.user);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText(`Signed in as operator ${admin.user}.`)).toBeVisible();
  await page.goto('/admin/meters/import');
  await page
    .getByLabel('CSV file')
    .setInputFiles({ name: 'meters.csv', mimeType: 'text/csv', buffer: Buffer.from('dev_eui,customer\n70b3d5e2e0000009,\n') });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Check', exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('import-check.csv');
  const report = fs.readFileSync(await download.path(), 'utf8');
  expect(report).toContain('2,problem,,,,,,customer,is required');
});
