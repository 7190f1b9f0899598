import { networkInterfaces } from "node:os";

import { type Browser, expect, test } from "@playwright/test";

import { EMAIL, PASSWORD, shot } from "./helpers";

// The studio opened the way a person on the network opens it: not as localhost but as
// 127.0.0.1 and, when the machine has one, by its LAN address. The production build
// (`next start`, see playwright.config.ts) must hydrate there, its forms must never submit
// natively, and the media the API signed (under PUBLIC_BASE_URL) must load through this origin.

const port = Number(process.env.E2E_PORT ?? 3001);

/** The first non-loopback IPv4 address of this machine (what `hostname -I` lists first), if any. */
function lanAddress(): string | null {
  for (const nic of Object.values(networkInterfaces()).flat()) {
    if (nic && nic.family === "IPv4" && !nic.internal) return nic.address;
  }
  return null;
}

const origins = [`http://127.0.0.1:${port}`, ...(lanAddress() ? [`http://${lanAddress()}:${port}`] : [])];

async function signedIn(browser: Browser, origin: string) {
  const context = await browser.newContext({ baseURL: origin });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(EMAIL);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${origin}/dashboard`);
  return { context, page };
}

for (const origin of origins) {
  test(`generate a track with the dashboard opened at ${origin}`, async ({ browser }) => {
    const { context, page } = await signedIn(browser, origin);
    const label = new URL(origin).hostname.replaceAll(".", "-");

    // Before hydration: hold back the page's scripts. The HTML is all there, and neither a
    // click nor Enter may send the form the browser's way (a GET with the prompt in the URL).
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/_next/static/chunks/*.js", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto("/dashboard", { waitUntil: "domcontentloaded" });
    const generate = page.getByRole("button", { name: "Generate track" });
    await expect(generate).toBeDisabled();
    await page.getByLabel("Prompt", { exact: true }).fill("Typed before the page could run, it must not leave");
    await page.getByLabel(/^Seed/).fill("7");
    await page.getByLabel(/^Seed/).press("Enter");
    await generate.click({ force: true }); // a click on the disabled button does nothing
    await page.waitForTimeout(500);
    expect(page.url()).toBe(`${origin}/dashboard`);

    // Let the scripts through: the page hydrates, here, on this host name.
    release();
    await expect(generate).toBeEnabled({ timeout: 30_000 });

    const prompt = `Night train through falling snow, soft pads, via ${label} ${Date.now()}`;
    await page.getByLabel("Prompt", { exact: true }).fill(prompt);
    await page.getByLabel(/^Seed/).fill("");
    const duration = page.getByRole("slider", { name: "Duration" });
    await duration.focus();
    await duration.press("Home");
    const navigations: string[] = [];
    page.on("framenavigated", (frame) => frame === page.mainFrame() && navigations.push(frame.url()));
    await generate.click();

    await page.waitForURL(/\/tracks\/[0-9a-f-]{36}$/, { timeout: 180_000 });
    expect(navigations.every((url) => !url.includes("prompt="))).toBe(true);
    expect(page.url().startsWith(`${origin}/tracks/`)).toBe(true);
    await expect(page.getByRole("heading", { name: prompt })).toBeVisible();
    await expect(page.getByTestId("status-badge").first()).toHaveAttribute("data-status", "generated");

    // The media come from this origin (the dashboard forwards /media/*), and they load.
    const audio = page.getByTestId("track-audio");
    await expect
      .poll(() => audio.evaluate((a: HTMLAudioElement) => a.duration), { timeout: 30_000 })
      .toBeGreaterThan(118);
    expect(await audio.evaluate((a: HTMLAudioElement) => a.currentSrc)).toMatch(new RegExp(`^${origin}/media/`));
    const cover = page.getByRole("img", { name: /^Cover art for/ });
    await cover.scrollIntoViewIfNeeded();
    await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1920);
    expect(await cover.evaluate((img: HTMLImageElement) => img.currentSrc)).toMatch(new RegExp(`^${origin}/media/`));
    await shot(page, `track-generated-via-${label}`);
    await context.close();
  });
}
