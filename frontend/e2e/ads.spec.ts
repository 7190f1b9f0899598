import { expect, test } from "@playwright/test";

import { expectAccessible, shot, signIn } from "./helpers";

// A brief to a finished 15 s vertical ad, offline (local chat, painter, music and animator):
// the form and one chat answer, mood boards, a pick, music and plan, storyboard, render, and
// the composed video playing at its length and shape. Reopening the brief shows where it is.
test("brief → chat answer → mood pick → a 15 s 9:16 ad that plays", async ({ page }) => {
  test.setTimeout(900_000);
  const run = Date.now().toString(36);
  await signIn(page);
  await expect(page).toHaveURL(/\/dashboard/);

  await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Ads" }).click();
  await expect(page.getByRole("heading", { name: "Ads", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "New ad" }).click();
  await expect(page).toHaveURL(/\/ads\/[0-9a-f-]{36}$/);

  // The form: a colour that is no colour is caught under its field, then corrected.
  const brief = page.getByRole("form", { name: "Brief" });
  await brief.getByLabel(/^Product or subject/).fill(`TrailFlow ${run}`);
  await brief.getByLabel(/^Audience/).fill("night runners");
  await brief.getByLabel(/^Tone words/).fill("bold, energetic");
  await brief.getByLabel(/^Key messages/).fill("Grips on wet roads");
  await brief.getByLabel(/^Call to action/).fill("Shop now");
  await brief.getByRole("button", { name: "Add a colour" }).click();
  const hex = brief.getByLabel("Brand colour 1, as #rrggbb");
  await hex.fill("#ff33");
  await brief.getByRole("button", { name: "Save brief" }).click();
  await expect(page.getByTestId("error-brand_colors")).toContainText("not a colour");
  await expect(hex).toHaveAttribute("aria-invalid", "true");
  await hex.fill("#FF3366");
  await expect(page.getByTestId("error-brand_colors")).toHaveCount(0);
  await expectAccessible(page, "new brief");

  // One chat answer: the unsaved form goes first, then the reply fills duration and aspect.
  await page.getByLabel("Your message").fill("A 15 second vertical ad");
  await page.getByLabel("Your message").press("Enter");
  const log = page.getByRole("log", { name: "Conversation" });
  await expect(log.getByTestId("chat-assistant").last()).toContainText("15 s");
  await expect(page.getByTestId("chat-filled")).toContainText("Duration");
  await expect(brief.getByRole("radio", { name: "15 s" })).toBeChecked();
  await expect(brief.getByRole("radio", { name: /^9:16/ })).toBeChecked();
  await expect(hex).toHaveValue("#ff3366"); // saved before the chat, as the API keeps it
  await expect(brief.getByRole("button", { name: "Brief saved" })).toBeDisabled();
  await shot(page, "ads-brief");

  // Mood boards: painting shows its stage, then three directions side by side.
  await page.getByRole("button", { name: "Paint mood boards" }).click();
  await expect(page.getByTestId("step-progress").first()).toContainText(/painting/i);
  const directions = page.getByTestId("direction");
  await expect(directions).toHaveCount(3, { timeout: 240_000 });
  for (const d of await directions.all()) await expect(d.getByRole("img")).toHaveCount(4);
  await expect(directions.first().getByRole("list", { name: /palette/ })).toContainText("#ff3366");
  const second = directions.nth(1);
  const name = (await second.getByRole("heading", { level: 3 }).textContent()) ?? "";
  await second.getByRole("button", { name: `Choose ${name}` }).click();
  await expect(second.getByRole("button", { name: `${name} chosen` })).toHaveAttribute("aria-pressed", "true");
  await expectAccessible(page, "mood boards");
  await shot(page, "ads-moodboards");

  // Music and the scene plan, then the storyboard with its estimate shown first.
  await page.getByRole("button", { name: "Make the video" }).click();
  const production = page.getByTestId("ad-production");
  await expect(production).toBeVisible({ timeout: 300_000 });
  await expect(page.getByTestId("video-estimate")).toBeVisible();
  await expect(page.getByRole("form", { name: "Brief" }).getByRole("textbox").first()).toBeDisabled();
  await production.getByRole("button", { name: "Paint the storyboard" }).click();
  await expect(production.getByTestId("storyboard").getByRole("listitem").first()).toBeVisible({ timeout: 300_000 });
  await production.getByRole("button", { name: "Approve storyboard" }).click();
  await expect(production.getByRole("button", { name: "Storyboard approved" })).toBeDisabled();
  await expect(page.getByTestId("video-estimate")).toBeVisible(); // before the clips too
  await production.getByRole("button", { name: "Make video" }).click();

  const player = production.getByTestId("video-player");
  await expect(player).toBeVisible({ timeout: 600_000 });
  const media = await player.evaluate(
    (el: HTMLVideoElement) =>
      new Promise<{ duration: number; width: number; height: number }>((resolve, reject) => {
        const done = () => resolve({ duration: el.duration, width: el.videoWidth, height: el.videoHeight });
        if (el.readyState >= 1) done();
        else {
          el.addEventListener("loadedmetadata", done, { once: true });
          el.addEventListener("error", () => reject(new Error("the video did not load")), { once: true });
        }
      }),
  );
  expect(media.duration).toBeGreaterThan(14.9);
  expect(media.duration).toBeLessThan(15.1);
  expect(media.width / media.height).toBeCloseTo(9 / 16, 3);
  expect(media.height).toBe(1920);
  // It plays: time moves.
  await player.evaluate((el: HTMLVideoElement) => {
    el.muted = true;
    return el.play();
  });
  await expect.poll(() => player.evaluate((el: HTMLVideoElement) => el.currentTime), { timeout: 20_000 }).toBeGreaterThan(0.2);
  await expectAccessible(page, "ad video");
  await shot(page, "ads-video");

  // Reopened, the brief is where it was left; the list says so too.
  await page.reload();
  await expect(page.getByTestId("ad-production").getByTestId("video-player")).toBeVisible();
  // Drawn in its own shape, and offered to YouTube (or told why not) beside the share link.
  await expect(page.getByTestId("ad-production").getByTestId("video-player")).toHaveAttribute("data-aspect", "9:16");
  await expect(page.getByTestId("ad-production").getByTestId("youtube-upload")).toBeVisible();
  const briefPath = new URL(page.url()).pathname;
  await expect(page.getByTestId("direction").nth(1).getByText("Chosen")).toBeVisible();
  await page.goto("/ads");
  const item = page.getByTestId("brief-list").getByRole("link", { name: new RegExp(`TrailFlow ${run}`) });
  await expect(item).toContainText("Video made");
  await expect(item).toContainText("15 s · 9:16 · Shop now");

  // The library names it an ad and leads back to its brief.
  await page.goto("/library");
  const card = page.getByTestId("library-card").filter({ hasText: `TrailFlow ${run}` });
  await expect(card.getByTestId("library-kind")).toHaveText("Ad");
  await expect(card.getByRole("link", { name: new RegExp(`TrailFlow ${run}`) })).toHaveAttribute("href", briefPath);
  await expectAccessible(page, "library with an ad");
});
