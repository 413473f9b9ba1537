import { expect, Page } from '@playwright/test';

export const household = { user: 'demo-household', password: 'demo-household-2026' };
export const admin = { user: 'admin', password: 'admin-e2e-2026' };
export const areaAdmin = { user: 'waha-admin', password: 'waha-admin-2026' };

/** Waits until the page is hydrated (forms handled by the app, not the browser). */
export async function ready(page: Page) {
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
}

export async function signIn(page: Page, role: 'Household' | 'Admin', user: string, password: string) {
  await page.goto('/');
  await ready(page);
  await page.getByLabel('I am').selectOption(role);
  await page.getByLabel('Name, household number or phone').fill(user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** An amount as the portal writes it: the installation's currency (KES in
 * these journeys), thousands grouped, two decimals. */
export function money(amount: number): string {
  return `KES ${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** The household's balance as a number, read from the page. */
export async function balanceOf(page: Page): Promise<number> {
  const text = (await page.getByTestId('balance').textContent()) ?? '';
  const amount = text.match(/^KES (-?[\d,]+\.\d{2})$/);
  if (!amount) throw new Error(`the balance does not read as money: ${JSON.stringify(text)}`);
  return Number(amount[1].replaceAll(',', ''));
}
