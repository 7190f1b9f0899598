import { expect, test } from "@playwright/test";

import { expectAccessible, phoneShots, shot, signIn } from "./helpers";

/**
 * A 16-bit mono WAV: a quiet tone with a click every half second (120 BPM). `seed` shifts the
 * tone a little so each run uploads new bytes (the same bytes would be the same song, already
 * analysed, and the analysis would not be seen running).
 */
function clickTrack(seconds: number, rate: number, seed: number): Buffer {
  const samples = seconds * rate;
  const data = Buffer.alloc(samples * 2);
  const tone = 220 + (seed % 1000) / 100;
  for (let i = 0; i < samples; i += 1) {
    const t = i / rate;
    const sinceClick = t % 0.5;
    let v = 0.15 * Math.sin(2 * Math.PI * tone * t);
    if (sinceClick < 0.02) v += 0.8 * Math.exp(-sinceClick * 200) * Math.sin(2 * Math.PI * 1000 * t);
    data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, v)) * 32767), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVEfmt ", 8, "ascii");
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28); // bytes per second
  header.writeUInt16LE(2, 32); // bytes per frame
  header.writeUInt16LE(16, 34); // bits per sample
  header.write("data", 36, "ascii");
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

test("upload a song, read its analysis, make a video, move a boundary by keyboard, plan clips", async ({ page }) => {
  await signIn(page);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.getByRole("link", { name: "Music video" }).first().click();
  await expect(page.getByRole("heading", { name: "Music video", exact: true })).toBeVisible();
  await expectAccessible(page, "music library");

  // Upload through the keyboard-usable file input, and watch the progress.
  const run = Date.now();
  await page.getByLabel(/choose a file/).setInputFiles({
    name: `click-${run}.wav`,
    mimeType: "audio/wav",
    buffer: clickTrack(20, 22050, run),
  });
  await expect(page.getByLabel("Title (optional)")).toHaveValue(`click-${run}`);
  await page.getByRole("button", { name: "Upload and analyse" }).click();
  await expect(page.getByTestId("song-progress")).toBeVisible();
  await shot(page, "music-analysing-desktop");
  await expect(page).toHaveURL(/\/music\/songs\/[0-9a-f-]{36}$/, { timeout: 200_000 });

  // The analysis: tempo about 120, the timeline with its bands and ticks.
  const facts = page.getByTestId("song-facts");
  await expect(facts).toContainText("BPM");
  const tempo = Number((await facts.textContent())?.match(/([\d.]+) BPM/)?.[1]);
  expect(tempo).toBeGreaterThan(118);
  expect(tempo).toBeLessThan(122);
  await expect(page.getByTestId("timeline").getByTestId("section-band").first()).toBeVisible();
  await shot(page, "music-song-desktop");
  await expectAccessible(page, "song analysis");

  // A video from it.
  await page.getByLabel("Video prompt").fill(`Neon city at night, rain on glass, run ${run}`);
  await page.getByText("9:16").click();
  await page.getByRole("button", { name: "Create video" }).click();
  await expect(page).toHaveURL(/\/music\/videos\/[0-9a-f-]{36}$/);

  // Move the second section's start one bar later with the keyboard; the server's snapped
  // answer is what the slider then says.
  const boundary = page.getByRole("slider", { name: /^Start of section 2/ });
  const before = Number(await boundary.getAttribute("aria-valuenow"));
  await boundary.focus();
  await boundary.press("PageUp");
  await expect(page.getByTestId("editor-message")).toContainText("Section 2 now starts at");
  const after = Number(await boundary.getAttribute("aria-valuenow"));
  expect(after).toBeGreaterThan(before);
  await expect(boundary).toBeFocused();

  // A refused edit (422) is shown and announced next to the editor, naming the section. The
  // playhead is at 0:00, which snaps to the first downbeat; where that falls depends on the
  // analysis (at the start: refused at once; further in: a new section). A second split at the
  // same place is refused either way, because a section already starts there.
  const split = page.getByRole("button", { name: /^Split at playhead/ });
  const message = page.getByTestId("editor-message");
  await split.click();
  await expect(message).toContainText(/Split at|section \d/);
  await split.click();
  await expect(message.getByRole("alert")).toContainText(/section \d/);

  // Plan the clips: blocks under the sections, each with its length.
  await page.getByRole("button", { name: "Plan clips" }).click();
  const clips = page.getByTestId("clip-block");
  await expect(clips.first()).toBeVisible();
  expect(await clips.count()).toBeGreaterThan(1);
  await expect(clips.first()).toContainText(/\d+\.\d/);
  await shot(page, "music-video-desktop");
  await expectAccessible(page, "video editor");
  await phoneShots(page, "music-video", page.getByTestId("timeline"));

  await page.goto("/music");
  await expect(page.getByRole("list", { name: "Videos" }).getByRole("link").first()).toBeVisible();
  await shot(page, "music-library-desktop");
});
