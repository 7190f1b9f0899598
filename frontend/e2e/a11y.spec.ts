import { expect, test } from "@playwright/test";

import { apiAs, expectAccessible, shot, signIn } from "./helpers";

interface TrackLite {
  id: string;
  status: string;
}

test("every page passes axe with no serious or critical violation", async ({ page, request }) => {
  // A generated track for its page (straight through the API: the UI is not what is tested).
  const api = await apiAs(request);
  const track = await api.post<TrackLite>("/api/generate", {
    prompt: `Quiet snowfall over a mountain lake, felt piano, a11y ${Date.now()}`,
    duration: 120,
  });
  expect(track.status).toBe("generated");

  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expectAccessible(page, "login");

  await signIn(page);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expectAccessible(page, "dashboard");

  for (const [path, heading] of [
    ["/history", "History"],
    ["/batch", "Batch"],
    ["/settings", "Settings"],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: heading, exact: true })).toBeVisible();
    await expectAccessible(page, path);
  }

  await page.goto(`/tracks/${track.id}`);
  await expect(page.getByTestId("status-badge").first()).toHaveAttribute("data-status", "generated");
  await expect(page.getByTestId("waveform").locator("svg").first()).toBeVisible();
  await expectAccessible(page, "track detail");
  await shot(page, "track-a11y-desktop");

  // The delete confirmation is a dialog of its own: checked open.
  await page.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("alertdialog")).toBeVisible();
  await expectAccessible(page, "track delete dialog");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("alertdialog")).toHaveCount(0);
});
