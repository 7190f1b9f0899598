import { expect, test } from "@playwright/test";

import { phoneShots, shot, signIn } from "./helpers";

test("prompt → 2-minute track → render → history → delete", async ({ page }) => {
  await signIn(page);
  await expect(page).toHaveURL(/\/dashboard$/);

  // Generate: a unique prompt so this run's track is easy to find in the history.
  const prompt = `Rain over a quiet harbour at night, soft pads, run ${Date.now()}`;
  await page.getByLabel("Prompt", { exact: true }).fill(prompt);
  const duration = page.getByRole("slider", { name: "Duration" });
  await duration.focus();
  await duration.press("Home"); // the shortest: 2:00
  await expect(page.getByTestId("duration-value")).toHaveText("2:00");
  await page.getByRole("button", { name: "Generate track" }).click();
  // Catch the live stage and percent if generation is slow enough to be seen (best effort).
  await page
    .getByTestId("stage-progress")
    .waitFor({ timeout: 3_000 })
    .then(() => page.screenshot({ path: "test-results/screenshots/dashboard-generating-desktop.png" }))
    .catch(() => undefined);

  // The form moves on to the track's page when generation is done.
  await page.waitForURL(/\/tracks\/[0-9a-f-]{36}$/, { timeout: 180_000 });
  const trackId = page.url().split("/").pop() ?? "";
  await expect(page.getByRole("heading", { name: prompt })).toBeVisible();
  await expect(page.getByTestId("status-badge").first()).toHaveAttribute("data-status", "generated");

  // The audio element loads the MP3 and knows its length.
  const audio = page.getByTestId("track-audio");
  await expect
    .poll(() => audio.evaluate((a: HTMLAudioElement) => a.duration), { timeout: 30_000 })
    .toBeGreaterThan(118);
  expect(await audio.evaluate((a: HTMLAudioElement) => a.duration)).toBeLessThan(122);
  await expect(page.getByTestId("waveform").locator("svg").first()).toBeVisible();

  // Seeking by clicking the waveform's middle lands near 1:00.
  const wave = page.getByTestId("waveform");
  const box = await wave.boundingBox();
  if (!box) throw new Error("waveform has no box");
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime)).toBeGreaterThan(55);
  await shot(page, "track-generated-desktop");

  // Render, and the video arrives at 1920×1080.
  await page.getByRole("button", { name: "Render video" }).click();
  const video = page.getByTestId("track-video");
  await expect(video).toBeVisible({ timeout: 180_000 });
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => [v.videoWidth, v.videoHeight]), { timeout: 30_000 })
    .toEqual([1920, 1080]);
  await expect(page.getByTestId("status-badge").first()).toHaveAttribute("data-status", "rendered");
  await expect(page.getByRole("link", { name: /Video \(MP4\)/ })).toBeVisible();
  // Seek into the video: the frame there must decode (H.264 in this Chromium), and the
  // screenshot then shows a real frame rather than the poster under a loading spinner.
  await video.evaluate((v: HTMLVideoElement) => {
    v.currentTime = 30;
  });
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 20_000 })
    .toBeGreaterThanOrEqual(2); // HAVE_CURRENT_DATA
  await shot(page, "track-rendered-desktop");
  await phoneShots(page, "track-rendered");

  // History, filtered to rendered tracks, has it.
  await page.goto("/history");
  await page.getByRole("link", { name: /^Rendered/ }).click();
  await expect(page).toHaveURL(/status=rendered/);
  const row = page.locator(`[data-track-id="${trackId}"]`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId("status-badge")).toHaveAttribute("data-status", "rendered");
  await shot(page, "history-rendered-desktop");
  await phoneShots(page, "history");

  // A filter with nothing in it shows an empty state, not a blank page.
  await page.getByRole("link", { name: /^Uploading/ }).click();
  await expect(page.getByText("No uploading tracks")).toBeVisible();

  // Delete from the track page, behind a confirmation.
  await page.goto(`/tracks/${trackId}`);
  await page.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toBeVisible();
  await shot(page, "track-delete-dialog-desktop");
  await dialog.getByRole("button", { name: "Delete track" }).click();
  await expect(page).toHaveURL(/\/history$/);
  await expect(page.locator(`[data-track-id="${trackId}"]`)).toHaveCount(0);
  await page.goto("/history?status=rendered");
  await expect(page.locator(`[data-track-id="${trackId}"]`)).toHaveCount(0);
  await page.goto(`/tracks/${trackId}`);
  await expect(page.getByText("This track is not here")).toBeVisible();
});
