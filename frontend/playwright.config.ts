import { defineConfig, devices } from "@playwright/test";

// The browser test runs the production build (`npm run test:e2e` builds first) against a
// real backend that the caller has started at E2E_API_URL (make test does). Chromium is
// Debian's: Playwright never downloads a browser here.
const port = Number(process.env.E2E_PORT ?? 3001);
const apiUrl = process.env.E2E_API_URL ?? "http://127.0.0.1:8001";

export default defineConfig({
  testDir: "./e2e",
  // Runs inline generate + render of a 2-minute track on a 2-core machine.
  timeout: 240_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  // Not test-results/ itself: Playwright empties its output folder on start, and the
  // screenshots in test-results/screenshots should survive for people to look at.
  outputDir: "test-results/playwright",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        // Let <audio>/<video> load without a user gesture in headless runs.
        "--autoplay-policy=no-user-gesture-required",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 } } }],
  webServer: {
    // `npm run start`: next start with server/client-address.cjs preloaded, as make start runs it.
    command: `npm run --silent start -- -p ${port}`,
    url: `http://127.0.0.1:${port}/login`,
    env: { API_URL: apiUrl, NEXT_TELEMETRY_DISABLED: "1" },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
