import { type Page, expect } from "@playwright/test";

export const EMAIL = process.env.E2E_EMAIL ?? "e2e@example.com";
export const PASSWORD = process.env.E2E_PASSWORD ?? "e2e-password";
export const API_URL = process.env.E2E_API_URL ?? "http://127.0.0.1:8001";

const SHOTS = "test-results/screenshots";

export async function signIn(page: Page, password = PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(EMAIL);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export const DESKTOP = { width: 1440, height: 900 } as const;
export const PHONE = { width: 390, height: 844 } as const;

/** A full-page screenshot for people to look at (artefact; git-ignored). */
export async function shot(page: Page, name: string): Promise<void> {
  // Let skeletons resolve, and park the mouse so no hover state leaks into the picture.
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  const viewport = page.viewportSize() ?? DESKTOP;
  await page.mouse.move(viewport.width - 1, viewport.height - 1);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/**
 * The same page at phone width (390 px): what the screen shows first, and the whole page
 * (where the fixed tab bar lands mid-picture, an artefact of full-page capture).
 */
export async function phoneShots(page: Page, name: string): Promise<void> {
  // A toast over the narrow page hides what the picture is for; let it go first.
  await expect(page.locator("[data-sonner-toast]")).toHaveCount(0, { timeout: 10_000 });
  await page.setViewportSize(PHONE);
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await page.mouse.move(PHONE.width - 1, 1);
  await page.screenshot({ path: `${SHOTS}/${name}-phone.png` });
  await shot(page, `${name}-phone-full`);
  await page.setViewportSize(DESKTOP);
}
