import { test, expect, Page } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { admin, household, ready } from './helpers';

// The portals in each of their languages. The words are read from the
// catalogs themselves (app/locales/<lang>/*.ftl), so a translation can
// change without these journeys changing; what they check is that the page
// speaks the language it was asked for, runs the right way and reads amounts
// in that language's style.

type Catalog = Record<string, string>;

function catalog(lang: string): Catalog {
  const dir = join(__dirname, '..', '..', 'app', 'locales', lang);
  const out: Catalog = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ftl'))) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      const m = line.match(/^([a-z][a-z0-9_-]*) = (.*)$/);
      if (m) out[m[1]] = m[2].trim();
    }
  }
  return out;
}

/** A message with its variables filled, as the page writes it. */
function fill(message: string, args: Record<string, string>): string {
  return message.replace(/\{ \$(\w+) \}/g, (_, name) => args[name] ?? '');
}

async function signInAs(page: Page, words: Catalog, role: 'Household' | 'Admin', user: string, password: string) {
  await page.goto('/');
  await ready(page);
  await page.getByLabel(words['signin-role']).selectOption(role);
  await page.getByLabel(words['signin-username']).fill(user);
  await page.getByLabel(words['signin-password'], { exact: true }).fill(password);
  await page.getByRole('button', { name: words['signin-submit'] }).click();
}

for (const lang of ['zh', 'ar', 'fr', 'sw']) {
  test.describe(`in ${lang}`, () => {
    test.use({ locale: lang, viewport: { width: 390, height: 844 } });
    const words = catalog(lang);

    test(`a household reads its account in ${lang}`, async ({ page }, info) => {
      await signInAs(page, words, 'Household', household.user, household.password);
      await expect(page).toHaveURL(/\/household$/);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
      await expect(page.getByRole('heading', { name: words['household-meters'] })).toBeVisible();
      await expect(page.getByRole('heading', { name: words['topup-title'] })).toBeVisible();
      // The balance in the language's style: French groups with a narrow
      // no-break space, writes a decimal comma and puts the code after.
      const balance = (await page.getByTestId('balance').textContent()) ?? '';
      if (lang === 'fr') {
        expect(balance).toMatch(/^-?\d{1,3}(\u202f\d{3})*,\d{2}\u00a0KES$/);
      } else {
        expect(balance).toMatch(/^KES -?\d{1,3}(,\d{3})*\.\d{2}$/);
      }
      // The island (the top-up form) speaks the page's language once
      // hydrated: its question before paying is the catalog's.
      await page.getByLabel(words['topup-amount']).fill('7');
      await page.getByRole('button', { name: words['topup-pay'], exact: true }).click();
      await expect(page.getByRole('button', { name: words['topup-confirm'] })).toBeVisible();
      await expect(page.getByRole('button', { name: words['topup-change'] })).toBeVisible();
      if (lang === 'ar') {
        // Right to left: the brand sits at the right of the header, the
        // menu at its left.
        const brand = await page.getByRole('link', { name: 'Meterline' }).boundingBox();
        const menu = await page.locator('header summary').boundingBox();
        expect(brand!.x).toBeGreaterThan(menu!.x);
      }
      await page.screenshot({ path: info.outputPath(`household-${lang}-phone.png`), fullPage: true });
    });

    test(`an operator works in ${lang}`, async ({ page }, info) => {
      await page.setViewportSize({ width: 1440, height: 900 });
      await signInAs(page, words, 'Admin', admin.user, admin.password);
      await expect(page).toHaveURL(/\/admin/);
      await expect(page.getByRole('heading', { name: words['admin-dashboard-title'] })).toBeVisible();
      await expect(page.getByText(words['admin-dashboard-active-meters'])).toBeVisible();
      await ready(page);
      // A page the portal's own router draws in the browser, from the
      // messages the page carried.
      await page.getByRole('navigation', { name: words['admin-portal-sections-nav'] })
        .getByRole('link', { name: words['admin-portal-section-meters'], exact: true }).click();
      await expect(page.getByRole('heading', { name: words['admin-meters-title'] })).toBeVisible();
      await expect(page.getByRole('columnheader', { name: words['admin-meters-customer'] })).toBeVisible();
      await page.screenshot({ path: info.outputPath(`operator-${lang}-desktop.png`), fullPage: true });
    });
  });
}

test('the language menu changes the language and the choice stays', async ({ page }) => {
  const fr = catalog('fr');
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.locator('header summary').click();
  await page.getByRole('link', { name: 'Français' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { name: fr['signin-title'] })).toBeVisible();
  // Remembered: another visit speaks French although the browser asks for English.
  await page.goto('/');
  await expect(page.getByRole('heading', { name: fr['signin-title'] })).toBeVisible();
  await page.locator('header summary').click();
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  expect(fill(fr['zone-note'], { zone: 'Africa/Nairobi' })).toContain('Africa/Nairobi');
});
