import { test, expect } from '@playwright/test';

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
