import { expect, test } from "@playwright/test";

import { GOOGLE_URL, apiAs, shot, signIn } from "./helpers";

type BatchAnswer = { id: string; failed: number; items: Array<{ track: { id: string } | null }> };

test("connect YouTube through Google's consent, upload by hand and by retrying a batch", async ({
  page,
  request,
}) => {
  const api = await apiAs(request);
  // A clean start: no channel left connected by an earlier run.
  await api.delete("/api/auth/youtube");
  // A batch of two that asks for uploads while no channel is connected (made through the API:
  // the batch form has its own test). Both tracks are made and rendered; both items fail at
  // the upload and can be retried.
  const run = Date.now();
  const batch = await api.post<BatchAnswer>("/api/batch/generate", {
    prompts: [`Lofi rain for the upload test ${run}`, `Night drive through soft rain ${run}`],
    duration: 120,
    render: true,
    upload: { privacy: "unlisted", made_for_kids: false, contains_synthetic_media: true, category: "10" },
  });
  expect(batch.failed).toBe(2);
  const trackId = batch.items[0]?.track?.id ?? "";

  await signIn(page);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/settings");
  const card = page.getByTestId("youtube-card");
  await expect(card).toContainText("Not connected");
  await expect(card.getByTestId("youtube-quota")).toBeVisible();

  // The browser really goes to Google (the emulator), which sends it back through the API's
  // callback to the settings page.
  const consent = page.waitForRequest((r) => r.url().startsWith(`${GOOGLE_URL}/o/oauth2/auth`));
  await card.getByRole("button", { name: "Connect YouTube" }).click();
  await consent;
  await page.waitForURL(/\/settings/);
  await expect(page.getByTestId("youtube-notice")).toContainText("YouTube connected");
  await expect(card.getByTestId("youtube-channel")).toHaveText("Lofi Rain Studio");
  await expect(card).toContainText("Connected");
  await expect(page).toHaveURL(/\/settings$/); // the one-time answer is gone from the address
  await shot(page, "settings-youtube-connected-desktop");

  // Upload the first track by hand, from its page.
  await page.goto(`/tracks/${trackId}`);
  await expect(page.getByTestId("status-badge").first()).toHaveAttribute("data-status", "rendered");
  await page.getByRole("button", { name: "Upload to YouTube" }).click();
  const dialog = page.getByRole("dialog", { name: "Upload to YouTube" });
  const title = dialog.getByLabel("Title");
  await expect(title).not.toHaveValue(""); // suggested from the prompt
  await expect(dialog.getByTestId("tag-chip").first()).toBeVisible();
  const chosen = "Lofi rain, an ambient hour";
  await title.fill(chosen);
  await expect(dialog.getByText(`${chosen.length} / 100`)).toBeVisible();
  const tags = dialog.getByRole("textbox", { name: "Tags" });
  await tags.fill("rain sounds");
  await tags.press("Enter");
  await expect(dialog.getByTestId("tag-chip").filter({ hasText: "rain sounds" })).toBeVisible();
  await dialog.getByRole("radio", { name: /Unlisted/ }).click();

  // Made for kids has no default: the dialog asks before sending.
  await dialog.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(dialog.getByText("YouTube requires an answer: is this video made for kids?")).toBeVisible();
  await dialog.getByRole("radio", { name: "No, it's not made for kids" }).click();
  await shot(page, "upload-dialog-desktop");

  const uploaded = page.waitForResponse((r) => r.url().endsWith("/api/upload") && r.request().method() === "POST", {
    timeout: 120_000,
  });
  await dialog.getByRole("button", { name: "Upload", exact: true }).click();
  // Catch the live stage and percent if the upload is slow enough to be seen (best effort).
  await dialog
    .getByTestId("stage-progress")
    .waitFor({ timeout: 3_000 })
    .then(() => page.screenshot({ path: "test-results/screenshots/upload-progress-desktop.png" }))
    .catch(() => undefined);
  expect((await uploaded).status()).toBe(200);
  await expect(dialog).toBeHidden();

  const panel = page.getByTestId("youtube-panel");
  await expect(panel.getByTestId("youtube-link")).toHaveAttribute("href", /^https:\/\/www\.youtube\.com\/watch\?v=/);
  await expect(page.getByTestId("status-badge").first()).toHaveAttribute("data-status", "uploaded");
  await expect(panel.getByTestId("youtube-privacy")).toHaveText("Unlisted");
  await shot(page, "track-uploaded-desktop");

  // The track's row in History links to the video too.
  await page.goto("/history?status=uploaded");
  const row = page.locator(`[data-track-id="${trackId}"]`);
  await expect(row.getByTestId("youtube-link")).toHaveAttribute("href", /youtube\.com\/watch\?v=/);

  // The batch: both items failed for want of a channel. Retry finishes them: the first is on
  // YouTube already, the second is uploaded now.
  await page.goto(`/batch/${batch.id}`);
  const view = page.getByTestId("batch-view");
  await expect(view.getByTestId("batch-item-error")).toHaveCount(2);
  await expect(view.getByTestId("batch-item-error").first()).toContainText("No YouTube channel is connected");
  await shot(page, "batch-failed-desktop");
  await view.getByRole("button", { name: "Retry failed (2)" }).click();
  await expect(view.locator('[data-testid="batch-item"][data-status="success"]')).toHaveCount(2, { timeout: 120_000 });
  await expect(view).toHaveAttribute("data-status", "completed");
  await expect(view.getByTestId("youtube-link")).toHaveCount(2);
  await shot(page, "batch-retried-desktop");

  // Disconnect, behind a confirmation.
  await page.goto("/settings");
  await card.getByRole("button", { name: "Disconnect" }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("Lofi Rain Studio");
  await confirm.getByRole("button", { name: "Disconnect" }).click();
  await expect(card).toContainText("Not connected");
  await expect(card.getByRole("button", { name: "Connect YouTube" })).toBeVisible();
});
