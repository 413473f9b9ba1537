import { test, expect } from '@playwright/test';
import { balanceOf, household, money, ready, signIn } from './helpers';

test('a household signs in and sees its balance and meters', async ({ page }, info) => {
  // The operator portal is a separate WASM chunk: a household never downloads it.
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(r.url()));
  await signIn(page, 'Household', household.user, household.password);
  await expect(page).toHaveURL(/\/household$/);
  await expect(page.getByRole('heading', { name: household.user })).toBeVisible();
  // The demo's four weeks of readings were charged: the balance is what is left.
  await expect(page.getByTestId('balance')).toHaveText(/^KES -?[\d,]+\.\d{2}$/);
  await expect(page.getByRole('listitem')).toHaveCount(2);
  // One estimate of the days the shared balance lasts; each meter has its charts.
  await expect(page.getByTestId('days-left')).toHaveCount(1);
  await expect(page.getByTestId('days-left')).toContainText(/a day\), your balance lasts about \d+ days/);
  await expect(page.getByRole('figure')).toHaveCount(4);
  await page.screenshot({ path: info.outputPath('household-dashboard.png'), fullPage: true });
  const wasm = fetched.filter((u) => u.includes('/pkg/') && u.endsWith('.wasm'));
  expect(wasm.length).toBeGreaterThan(0);
  expect(wasm.filter((u) => !u.endsWith('/meterline.wasm'))).toEqual([]);
});

test('a wrong password is refused with a message', async ({ page }) => {
  await signIn(page, 'Household', household.user, 'not-the-password');
  await expect(page.getByRole('alert')).toContainText('wrong username or password');
  await expect(page).toHaveURL(/\/$/);
});

test('a household cannot read operator pages', async ({ page }) => {
  await signIn(page, 'Household', household.user, household.password);
  await expect(page).toHaveURL(/\/household$/);
  await page.goto('/admin');
  await expect(page.getByRole('alert')).toContainText('not allowed');
  await expect(page.getByRole('table')).toHaveCount(0);
});

test('a household signs out', async ({ page }) => {
  await signIn(page, 'Household', household.user, household.password);
  await expect(page).toHaveURL(/\/household$/);
  await expect(page.getByTestId('signed-in')).toHaveText(household.user);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('signed-in')).toHaveCount(0);
  // Signed out, the account page leads to signing in, not to an error.
  await page.goto('/household');
  await expect(page).toHaveURL(/\/\?next=household$/);
  await expect(page.getByRole('status')).toHaveText('Please sign in to see your account.');
  await expect(page.getByLabel('Password')).toBeVisible();
});

test('a household with a default password must choose its own first', async ({ page }) => {
  // Households the demo created from meter archives have a first password to change.
  await signIn(page, 'Household', 'USER00000002', 'welcome-to-the-demo');
  await expect(page.getByRole('heading', { name: /Welcome/ })).toBeVisible();
  await page.getByLabel('Current password').fill('welcome-to-the-demo');
  await page.getByLabel('New password (8 characters or more)').fill('a-fresh-password-2026');
  await page.getByRole('button', { name: 'Save password' }).click();
  await expect(page.getByTestId('balance')).toBeVisible();
});

test('a household tops up and sees the order succeed and the balance rise', async ({ page }, info) => {
  await signIn(page, 'Household', household.user, household.password);
  const before = await balanceOf(page);
  const after = money(before + 25);
  await page.getByLabel('Pay with').selectOption('sandbox');
  await page.getByLabel('Phone that pays').fill('0712 345 678');
  await page.getByLabel('Amount').fill('25');
  await page.getByRole('button', { name: 'Pay' }).click();
  // Nothing is paid until the household confirms amount and meter.
  await expect(page.getByText(/^Pay KES 25\.00 into \w+ · /)).toBeVisible();
  await expect(page.getByTestId('balance')).toHaveText(money(before));
  await page.getByRole('button', { name: 'Confirm' }).click();
  // The dashboard follows the payment: approve on the phone, then (the
  // provider's callback, confirmed by its status query) its outcome, read
  // afresh; reloading it pays nothing.
  await expect(page).toHaveURL(/\/household\?paid=\w+$/);
  await expect(page.getByTestId('payment-outcome')).toContainText(`Approve the payment of ${money(25)} on your phone`);
  await expect(page.getByTestId('balance')).toHaveText(money(before));
  await expect(page.getByRole('status')).toContainText('succeeded', { timeout: 20_000 });
  await expect(page.getByTestId('balance')).toHaveText(after);
  const orderNo = (await page.getByRole('status').textContent())!.match(/Payment (\S+) succeeded/)![1];
  expect(page.url()).toContain(`paid=${orderNo}`);
  await page.getByText('Payments', { exact: true }).first().click();
  await expect(page.getByTestId('payments').first().getByRole('listitem').first())
    .toContainText(`${orderNo} · KES 25.00 · succeeded`);
  await page.screenshot({ path: info.outputPath('household-top-up.png'), fullPage: true });
  await page.reload();
  await expect(page.getByTestId('balance')).toHaveText(after);
  await ready(page);
  // Not an amount: the browser names the expected form and nothing is sent.
  await page.getByLabel('Amount').fill('abc');
  await page.getByRole('button', { name: 'Pay' }).click();
  await expect(page.locator('#amount:invalid')).toHaveCount(1);
  await expect(page.getByTestId('balance')).toHaveText(after);
  // The sandbox's payer cancels amounts ending in .13: the order fails, nothing is credited.
  await page.getByLabel('Pay with').selectOption('sandbox');
  await page.getByLabel('Phone that pays').fill('0712 345 678');
  await page.getByLabel('Amount').fill('10.13');
  await page.getByRole('button', { name: 'Pay' }).click();
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByTestId('payment-outcome')).toContainText('failed: cancelled by the payer', { timeout: 20_000 });
  await expect(page.getByTestId('balance')).toHaveText(after);
});

test('a household pays by M-Pesa and its balance rises once', async ({ page }) => {
  // Against Daraja's stand-in (playwright.config.ts): an STK push to the
  // phone, approved there, confirmed by Daraja's callback and its query.
  await signIn(page, 'Household', household.user, household.password);
  await ready(page);
  const before = await balanceOf(page);
  const after = money(before + 30);
  await page.getByLabel('Pay with').selectOption('mpesa');
  await page.getByLabel('Phone that pays').fill('0712 345 678');
  // M-Pesa takes whole shillings: refused before Safaricom is asked.
  await page.getByLabel('Amount').fill('30.50');
  await page.getByRole('button', { name: 'Pay' }).click();
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('alert')).toContainText('whole', { timeout: 10_000 });
  await expect(page.getByTestId('balance')).toHaveText(money(before));
  await page.getByLabel('Pay with').selectOption('mpesa');
  await page.getByLabel('Phone that pays').fill('0712 345 678');
  await page.getByLabel('Amount').fill('30');
  await page.getByRole('button', { name: 'Pay' }).click();
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page).toHaveURL(/\/household\?paid=\w+$/);
  await expect(page.getByTestId('payment-outcome')).toContainText(`Approve the payment of ${money(30)} on your phone`);
  await expect(page.getByRole('status')).toContainText('succeeded', { timeout: 20_000 });
  await expect(page.getByTestId('balance')).toHaveText(after);
  // Reloading the outcome, and the callback Daraja may send again, pay nothing more.
  await page.reload();
  await ready(page);
  await expect(page.getByTestId('balance')).toHaveText(after);
  const orderNo = (await page.getByRole('status').textContent())!.match(/Payment (\S+) succeeded/)![1];
  await page.getByText('Payments', { exact: true }).first().click();
  await expect(page.getByTestId('payments').first().getByRole('listitem').first())
    .toContainText(`${orderNo} · KES 30.00 · succeeded`);
});

test('a household pays a bill from its balance', async ({ page }) => {
  // A demo household billed for last month (postpaid), still on its first password.
  await signIn(page, 'Household', 'USER00000004', 'welcome-to-the-demo');
  await page.getByLabel('Current password').fill('welcome-to-the-demo');
  await page.getByLabel('New password (8 characters or more)').fill('a-fresh-password-2027');
  await page.getByRole('button', { name: 'Save password' }).click();
  await expect(page.getByTestId('balance')).toBeVisible();
  await ready(page);
  const before = Math.round(await balanceOf(page) * 100);
  await page.getByText('Bills', { exact: true }).first().click();
  const bill = page.getByRole('listitem').filter({ has: page.getByRole('button', { name: 'Pay from balance' }) }).first();
  const fee = Math.round(Number((await bill.textContent())!.match(/· KES ([\d,]+\.\d{2})(?!\d)/)![1].replaceAll(',', '')) * 100);
  await bill.getByRole('button', { name: 'Pay from balance' }).click();
  await expect(page.getByTestId('balance')).toHaveText(money((before - fee) / 100));
  await page.getByText('Bills', { exact: true }).first().click();
  await expect(page.getByRole('button', { name: 'Pay from balance' })).toHaveCount(0);
  await expect(page.getByText('paid', { exact: true })).toHaveCount(1);
});
