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
