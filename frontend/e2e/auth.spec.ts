import { expect, test } from "@playwright/test";

import { API_URL, EMAIL, phoneShots, shot, signIn } from "./helpers";

test("a wrong password shows the API's own error message", async ({ page, request }) => {
  // Ask the API what it says, so the test checks that its detail reaches the form verbatim.
  // A fresh email each time, so the API's per-email throttle never answers instead.
  const probe = `nobody-${Date.now()}@example.com`;
  const api = await request.post(`${API_URL}/api/auth/login`, { data: { email: probe, password: "x" } });
  const { detail } = (await api.json()) as { detail: string };
  expect(detail.length).toBeGreaterThan(0);

  await signIn(page, "definitely-not-the-password");
  await expect(page.locator("form").getByRole("alert")).toHaveText(detail);
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByLabel("Email")).toHaveValue(EMAIL);
  await shot(page, "login-error-desktop");
});

test("signs in through the page, sees the dashboard, and signs out", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login/); // the shell is protected
  await shot(page, "login-desktop");

  await signIn(page);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Studio" })).toBeVisible();
  await expect(page.getByTestId("user-email").first()).toHaveText(EMAIL);
  for (const name of ["Dashboard", "History", "Batch", "Settings"]) {
    await expect(page.getByRole("link", { name, exact: true }).first()).toBeVisible();
  }
  await shot(page, "dashboard-desktop");

  await phoneShots(page, "dashboard");

  await page.getByRole("link", { name: "Settings", exact: true }).first().click();
  await expect(page.getByRole("listitem").filter({ hasText: "Database" })).toContainText("Connected");
  await shot(page, "settings-desktop");

  await page.getByRole("button", { name: "Sign out" }).first().click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login/);
});

test("a revoked session sends the creator back to sign in with a message", async ({ page, context }) => {
  await signIn(page);
  await expect(page).toHaveURL(/\/dashboard$/);
  // Leave the dashboard first: its polls would otherwise meet the revoked session before the
  // navigation below, and the sign-in page they land on clears the cookies it should find.
  const host = new URL(page.url()).hostname;
  await page.goto("about:blank");
  // Replay the refresh cookie against the API: rotation makes the browser's copy a used token,
  // and the browser's next refresh presents it again, which revokes the whole session.
  const cookies = await context.cookies();
  const refresh = cookies.find((c) => c.name === "as_refresh")?.value;
  expect(refresh).toBeTruthy();
  const rotated = await page.request.post(`${API_URL}/api/auth/refresh`, { data: { refresh_token: refresh } });
  expect(rotated.ok()).toBeTruthy();
  // Make the dashboard's access token look expired so the proxy has to refresh.
  await context.addCookies([{ name: "as_expires", value: "0", domain: host, path: "/" }]);

  await page.goto("/history");
  await expect(page).toHaveURL(/\/login\?.*reason=session_ended/);
  await expect(page.getByRole("status")).toHaveText("Your session ended, please sign in again.");
});

test("an expiring token is rotated once, however many requests race for it", async ({ page, context }) => {
  await signIn(page);
  await expect(page).toHaveURL(/\/dashboard$/);
  const before = (await context.cookies()).find((c) => c.name === "as_refresh")?.value;
  // Pretend the access token is about to expire, then fire a burst of API calls at once:
  // each would rotate the same refresh token, and a second rotation would revoke the session.
  await context.addCookies([{ name: "as_expires", value: "0", domain: new URL(page.url()).hostname, path: "/" }]);
  const statuses = await page.evaluate(() =>
    Promise.all(Array.from({ length: 6 }, () => fetch("/api/stats").then((r) => r.status))),
  );
  expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
  const after = (await context.cookies()).find((c) => c.name === "as_refresh")?.value;
  expect(after).toBeTruthy();
  expect(after).not.toBe(before);

  // Still signed in: pages render, and the next rotation works with the new token.
  await page.goto("/history");
  await expect(page.getByRole("heading", { name: "History" })).toBeVisible();
  await context.addCookies([{ name: "as_expires", value: "0", domain: new URL(page.url()).hostname, path: "/" }]);
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
});
