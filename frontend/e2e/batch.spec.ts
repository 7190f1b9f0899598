import { expect, test } from "@playwright/test";

import { phoneShots, shot, signIn } from "./helpers";

test("a batch is refused before sending when a line is wrong, then makes three tracks live", async ({ page }) => {
  await signIn(page);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/batch");
  await expect(page.getByRole("heading", { name: "Batch" })).toBeVisible();

  // Nothing may reach the API while the form refuses.
  const sent: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/api/batch/generate")) sent.push(r.url());
  });
  const box = page.getByLabel("Prompts, one per line");
  const start = page.getByRole("button", { name: /^Start batch/ });

  await box.fill(Array.from({ length: 11 }, (_, i) => `Soft rain on a window, variation ${i + 1}`).join("\n"));
  await expect(page.getByTestId("batch-count")).toHaveText("11 / 10 prompts");
  await start.click();
  await expect(page.getByTestId("batch-problems")).toContainText("at most 10 prompts; this has 11");

  await box.fill(["Soft rain on a window at night", "rain", "Wind over a frozen lake, distant bells"].join("\n"));
  await start.click();
  const problems = page.getByTestId("batch-problems");
  await expect(problems).toContainText("Line 2");
  await expect(problems).toContainText("needs at least 10 characters (has 4)");
  await expect(box).toHaveAttribute("aria-invalid", "true");
  await shot(page, "batch-refused-desktop");
  expect(sent).toEqual([]);

  // Three 2-minute prompts with video.
  const run = Date.now();
  const prompts = [
    `Slow rain on a tin roof, warm pads, batch ${run}`,
    `Deep ocean drift at night, soft sub bass, batch ${run}`,
    `Misty pine forest at dawn, airy strings, batch ${run}`,
  ];
  await box.fill(prompts.join("\n"));
  await expect(page.getByTestId("batch-count")).toHaveText("3 / 10 prompts");
  const duration = page.getByRole("slider", { name: "Duration" });
  await duration.focus();
  await duration.press("Home");
  await expect(page.getByTestId("batch-duration-value")).toHaveText("2:00");
  await expect(page.getByRole("checkbox", { name: "Render videos" })).toBeChecked();
  await page.getByRole("button", { name: "Start batch · 3 tracks" }).click();

  // Live progress: an item is seen running, with a real stage from the server and its percent.
  const current = page.getByTestId("current-batch");
  await expect(current.getByTestId("batch-item")).toHaveCount(3);
  const running = current.locator('[data-testid="batch-item"]:is([data-status="generating"], [data-status="rendering"])');
  await expect(running.first()).toBeVisible({ timeout: 30_000 });
  await expect(current.getByTestId("batch-item-stage").first()).toHaveText(/^[^…]+$/, { timeout: 15_000 });
  await expect(current.getByTestId("batch-eta")).toBeVisible();
  await current.evaluate((el) => el.scrollIntoView({ block: "start" }));
  await page.screenshot({ path: "test-results/screenshots/batch-running-desktop.png" });

  // Reload while it runs: the page finds the running batch and keeps following it.
  await expect(current.locator('[data-testid="batch-item"][data-status="success"]').first()).toBeVisible({
    timeout: 90_000,
  });
  await page.reload();
  await expect(current).toContainText("Running now");
  await expect(current.getByTestId("batch-eta")).toHaveText(/left|almost done|estimating/);

  await expect(current.getByTestId("batch-view")).toHaveAttribute("data-status", "completed", { timeout: 150_000 });
  const items = current.getByTestId("batch-item");
  await expect(items).toHaveCount(3);
  for (let i = 0; i < 3; i++) {
    const item = items.nth(i);
    await expect(item).toHaveAttribute("data-status", "success");
    await expect(item.getByTestId("batch-item-link")).toHaveText(prompts[i] ?? "");
    await expect(item.getByTestId("batch-item-link")).toHaveAttribute("href", /^\/tracks\/[0-9a-f-]{36}$/);
    await expect(item.locator("img")).toBeVisible();
  }
  await expect(current.getByTestId("batch-totals")).toContainText("Made3");
  await shot(page, "batch-done-desktop");
  await phoneShots(page, "batch", current);

  // Past batches lists it, and its own page (a fresh load) shows the same results.
  await current.getByRole("link", { name: "Batch page" }).click();
  await page.waitForURL(/\/batch\/[0-9a-f-]{36}$/);
  const batchId = page.url().split("/").pop() ?? "";
  await expect(page.getByTestId("batch-view")).toHaveAttribute("data-status", "completed");
  await expect(page.locator('[data-testid="batch-item"][data-status="success"]')).toHaveCount(3);
  await shot(page, "batch-detail-desktop");
  await page.goto("/batch");
  await expect(page.locator(`[data-batch-id="${batchId}"]`)).toContainText("3 made");

  // A result opens its track, rendered.
  await page.goto(`/batch/${batchId}`);
  await page.getByTestId("batch-item-link").first().click();
  await page.waitForURL(/\/tracks\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("status-badge").first()).toHaveAttribute("data-status", "rendered");
});
