import { defineConfig } from '@playwright/test';

// The server under test: the debug build cargo-leptos made, on a fresh SQLite
// file with the demo data, started from the workspace root (it serves
// target/site from there).
const dataDir = process.env.METERLINE_E2E_DATA ?? `/tmp/meterline-e2e-${process.pid}`;

export default defineConfig({
  testDir: './tests',
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  timeout: 30_000,
  outputDir: './test-results',
  reporter: [['list']],
  use: {
    baseURL: 'http://127.0.0.1:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  projects: [
    { name: 'hydrated', use: { javaScriptEnabled: true } },
    { name: 'before-hydration', use: { javaScriptEnabled: false }, testMatch: /ssr\.spec\.ts/ },
  ],
  webServer: [{
    // Daraja's stand-in (server/examples/mpesa_standin.rs, built by the
    // suite's `cargo test`): M-Pesa cannot be reached from here, so the
    // journeys pay against the stand-in the integration tests use, whose
    // payers approve a moment after the push.
    command: './target/debug/examples/mpesa_standin 127.0.0.1:3901',
    cwd: '..',
    port: 3901,
    reuseExistingServer: false,
    timeout: 30_000,
  }, {
    command: `rm -rf ${dataDir} && ./target/debug/server`,
    cwd: '..',
    url: 'http://127.0.0.1:3000/healthz',
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      METERLINE_DATA_DIR: dataDir,
      METERLINE_DEMO: '1',
      // A utility's own clock, so the journeys see local times (issue 15).
      METERLINE_TIME_ZONE: 'Africa/Nairobi',
      METERLINE_ADMIN_USER: 'admin',
      METERLINE_ADMIN_PASSWORD: 'admin-e2e-2026',
      LEPTOS_SITE_ADDR: '127.0.0.1:3000',
      RUST_LOG: 'warn',
      // M-Pesa on, against the stand-in (its credentials are the stand-in's).
      METERLINE_PUBLIC_URL: 'http://127.0.0.1:3000',
      METERLINE_MPESA_BASE_URL: 'http://127.0.0.1:3901',
      METERLINE_MPESA_CONSUMER_KEY: 'standin-consumer-key',
      METERLINE_MPESA_CONSUMER_SECRET: 'standin-consumer-secret',
      METERLINE_MPESA_SHORTCODE: '174379',
      METERLINE_MPESA_PASSKEY: 'standin-passkey-bfb279f9aa9bdbcf',
      METERLINE_MPESA_CALLBACK_TOKEN: 'standin-callback-token',
    },
  }],
});
