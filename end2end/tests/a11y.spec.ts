import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { admin, household, ready, signIn } from './helpers';

// An automated accessibility audit (axe-core, WCAG 2 A and AA rules) of
// every page of both portals, at phone and desktop width, in English and
// in Arabic (right to left). Serious and critical findings fail the run;
// each is printed with the elements it names.

async function audit(page: Page, what: string) {
  await ready(page);
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious.map((v) => `${v.id} (${v.impact}): ${v.help}\n` +
    v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')} ${n.failureSummary?.split('\n').join(' ')}`).join('\n'));
  expect(report, `${what}:\n${report.join('\n')}`).toEqual([]);
  // The audit ran its rules on this page (contrast, labels, names, ...).
  expect(result.passes.map((r) => r.id)).toEqual(expect.arrayContaining(['color-contrast', 'html-has-lang']));
}

const operatorPages = [
  '/admin', '/admin/meters', '/admin/meters/new', '/admin/households', '/admin/prices', '/admin/areas',
  '/admin/readings', '/admin/valves', '/admin/bills', '/admin/gateways', '/admin/commands', '/admin/devices',
  '/admin/codecs', '/admin/tokens', '/admin/payments', '/admin/alerts', '/admin/meters/import',
];

for (const locale of ['en-US', 'ar']) {
  test.describe(`audit in ${locale}`, () => {
    test.use({ locale });

    test(`the sign-in page and the household's pages (${locale})`, async ({ page }) => {
      for (const width of [390, 1440]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto('/');
        await audit(page, `sign-in at ${width}px`);
      }
      if (locale === 'en-US') {
        await signIn(page, 'Household', household.user, household.password);
      } else {
        await page.context().addCookies([{ name: 'lang', value: 'en', url: 'http://127.0.0.1:3000' }]);
        await signIn(page, 'Household', household.user, household.password);
        await page.context().addCookies([{ name: 'lang', value: 'ar', url: 'http://127.0.0.1:3000' }]);
      }
      await expect(page).toHaveURL(/\/household$/);
      for (const width of [390, 1440]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto('/household');
        await audit(page, `household dashboard at ${width}px`);
      }
    });

    test(`every operator page (${locale})`, async ({ page }) => {
      // Sixteen pages, each loaded and audited: more than one journey's time.
      test.setTimeout(120_000);
      await page.context().addCookies([{ name: 'lang', value: 'en', url: 'http://127.0.0.1:3000' }]);
      await signIn(page, 'Admin', admin.user, admin.password);
      await expect(page).toHaveURL(/\/admin/);
      if (locale !== 'en-US') {
        await page.context().addCookies([{ name: 'lang', value: 'ar', url: 'http://127.0.0.1:3000' }]);
      }
      await page.setViewportSize({ width: 1440, height: 900 });
      for (const path of operatorPages) {
        await page.goto(path);
        await audit(page, path);
      }
      // A meter's own page, the richest one.
      await page.goto('/admin/meters');
      await ready(page);
      await page.getByRole('table').getByRole('link').first().click();
      await expect(page).toHaveURL(/\/admin\/meters\/\d+$/);
      await audit(page, 'a meter page');
    });
  });
}
