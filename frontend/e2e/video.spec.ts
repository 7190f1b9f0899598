import { expect, test } from "@playwright/test";

import { expectAccessible, shot, signIn } from "./helpers";

/**
 * A 16-bit mono WAV at 120 BPM: a quiet tone with a click every half second, a brighter
 * chord in the second half so the analysis hears more than one section. `seed` shifts the
 * tone so each run uploads new bytes (the same bytes would be the same song).
 */
function song(seconds: number, rate: number, seed: number): Buffer {
  const samples = seconds * rate;
  const data = Buffer.alloc(samples * 2);
  const tone = 220 + (seed % 1000) / 100;
  for (let i = 0; i < samples; i += 1) {
    const t = i / rate;
    const sinceClick = t % 0.5;
    let v = 0.12 * Math.sin(2 * Math.PI * tone * t);
    if (t > seconds / 2) v += 0.12 * Math.sin(2 * Math.PI * tone * 1.5 * t) + 0.08 * Math.sin(2 * Math.PI * tone * 2 * t);
    if (sinceClick < 0.02) v += 0.7 * Math.exp(-sinceClick * 200) * Math.sin(2 * Math.PI * 1000 * t);
    data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, v)) * 32767), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVEfmt ", 8, "ascii");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36, "ascii");
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

test("a song to a composed video offline: storyboard, approve, make, regenerate a clip, share, finalize", async ({ page, browser }) => {
  test.setTimeout(600_000);
  await signIn(page);
  await expect(page).toHaveURL(/\/dashboard$/);

  // A 24-second song, uploaded and analysed.
  await page.goto("/music");
  const run = Date.now();
  await page.getByLabel(/choose a file/).setInputFiles({ name: `video-${run}.wav`, mimeType: "audio/wav", buffer: song(24, 22050, run) });
  await page.getByRole("button", { name: "Upload and analyse" }).click();
  await expect(page).toHaveURL(/\/music\/songs\/[0-9a-f-]{36}$/, { timeout: 200_000 });

  // The video and its clip plan.
  await page.getByLabel("Video prompt").fill(`Lanterns over a quiet harbour at dusk, run ${run}`);
  await page.getByRole("button", { name: "Create video" }).click();
  await expect(page).toHaveURL(/\/music\/videos\/[0-9a-f-]{36}$/);
  await page.getByRole("button", { name: "Plan clips" }).click();
  await expect(page.getByTestId("clip-block").first()).toBeVisible();
  const clipCount = await page.getByTestId("clip-block").count();

  // The suggested type is chosen already; a title goes over the first seconds.
  await expect(page.getByRole("radio", { checked: true })).toHaveCount(1);
  await expect(page.getByText("(suggested)")).toBeVisible();
  await page.getByLabel("Title (first seconds)").fill("Harbour lights");
  await page.getByRole("button", { name: "Make storyboard" }).click();
  const scenes = page.getByTestId("scene-card");
  await expect(scenes.first()).toBeVisible({ timeout: 200_000 });
  await expect(page.getByTestId("production-message")).toContainText("Storyboard ready");
  const sceneCount = await scenes.count();
  expect(sceneCount).toBeGreaterThan(0);
  expect(sceneCount).toBeLessThanOrEqual(clipCount);
  await expect(scenes.first().getByRole("img")).toBeVisible();
  await expectAccessible(page, "storyboard");
  await shot(page, "video-storyboard-desktop");

  // One still approved on its own, then the whole storyboard.
  await page.getByRole("button", { name: "Approve scene 1" }).click();
  await expect(scenes.first()).toContainText("Approved");
  await page.getByRole("button", { name: "Approve storyboard" }).click();
  await expect(page.getByRole("button", { name: "Storyboard approved" })).toBeDisabled();

  // Make the video: the stage and bar while it runs, then every clip ready and the player.
  await page.getByRole("button", { name: "Make video" }).click();
  await expect(page.getByTestId("step-progress")).toBeVisible();
  await expect(page.getByTestId("video-player")).toBeVisible({ timeout: 300_000 });
  await expect(page.getByTestId("clip-tile")).toHaveCount(clipCount);
  await expect(page.getByTestId("clip-count")).toHaveText(`${clipCount} of ${clipCount} clips ready`);
  const duration = await page.getByTestId("video-player").evaluate(
    (el: HTMLVideoElement) =>
      new Promise<number>((resolve) => (el.readyState >= 1 ? resolve(el.duration) : el.addEventListener("loadedmetadata", () => resolve(el.duration)))),
  );
  expect(duration).toBeGreaterThan(23.9);
  expect(duration).toBeLessThan(24.1);
  await expect(page.getByTestId("review-section").first()).toBeVisible();
  await expect(page.getByTestId("review-clip")).toHaveCount(clipCount);

  // Regenerate the clip at the playhead (the first): once, then none left.
  const again = page.getByTestId("regenerate-clip");
  await expect(again).toHaveText("Regenerate this clip (clip 1): 1 regeneration left");
  await again.click();
  await expect(page.getByTestId("production-message")).toContainText("Clip 1 regenerated", { timeout: 300_000 });
  await expect(again).toHaveText("Regenerate this clip (clip 1): none left");
  await expect(again).toBeDisabled();
  await expectAccessible(page, "composed video");
  await shot(page, "video-composed-desktop");

  // Offered to YouTube beside the share link (or told why not, with no channel connected).
  await expect(page.getByTestId("youtube-publish")).toBeVisible();
  await expect(page.getByTestId("youtube-upload")).toBeVisible();

  // A share link plays without signing in; revoked, it is a plain not-found page.
  await page.getByRole("button", { name: "Make a share link" }).click();
  const link = page.getByLabel("Share link");
  await expect(link).toHaveValue(/\/v\/[A-Za-z0-9_-]{16,}$/);
  const shareUrl = await link.inputValue();
  const visitor = await browser.newContext();
  const guest = await visitor.newPage();
  await guest.goto(shareUrl);
  await expect(guest).toHaveURL(shareUrl);
  await expect(guest.getByRole("heading", { level: 1 })).toHaveText(`video-${run}`);
  await expect(guest.getByTestId("shared-video")).toBeVisible();
  await expectAccessible(guest, "share page");
  await page.getByRole("button", { name: "Revoke link" }).click();
  await expect(page.getByRole("button", { name: "Make a share link" })).toBeVisible();
  const gone = await guest.goto(shareUrl);
  expect(gone?.status()).toBe(404);
  await expect(guest.getByText("This video is not available")).toBeVisible();
  await visitor.close();

  // Finalize, behind a confirmation: the page then shows it frozen.
  await page.getByRole("button", { name: "Finalize", exact: true }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Finalize video" }).click();
  await expect(page.getByTestId("finalized-note")).toBeVisible();
  await expect(page.getByTestId("regenerate-clip")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Make storyboard again" })).toHaveCount(0);
  await expect(page.getByTestId("production-status")).toContainText("Finalized");
  await page.reload();
  await expect(page.getByTestId("finalized-note")).toBeVisible();

  // The library lists it; deleted behind a confirmation, it is gone.
  await page.getByRole("link", { name: "Library" }).first().click();
  const card = page.getByTestId("library-card").filter({ hasText: `run ${run}` });
  await expect(card).toContainText("Finalized");
  await expect(card.getByTestId("library-kind")).toHaveText("Music video");
  await expect(card.getByRole("link").first()).toHaveAttribute("href", /^\/music\/videos\//);
  await expectAccessible(page, "library");
  await shot(page, "video-library-desktop");
  await card.getByRole("button", { name: /^Delete/ }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete video" }).click();
  await expect(card).toHaveCount(0);
});
