import { type APIRequestContext, type Locator, type Page, expect } from "@playwright/test";

export const EMAIL = process.env.E2E_EMAIL ?? "e2e@example.com";
export const PASSWORD = process.env.E2E_PASSWORD ?? "e2e-password";
export const API_URL = process.env.E2E_API_URL ?? "http://127.0.0.1:8001";
export const GOOGLE_URL = process.env.E2E_GOOGLE_URL ?? "http://127.0.0.1:8099";

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
  // From the top: a page scrolled part-way would draw the sticky sidebar mid-picture.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/**
 * The same page at phone width (390 px): what the screen shows first (or around `focus`), and
 * the whole page (where the fixed tab bar lands mid-picture, an artefact of full-page capture).
 */
export async function phoneShots(page: Page, name: string, focus?: Locator): Promise<void> {
  // A toast over the narrow page hides what the picture is for; let it go first.
  await expect(page.locator("[data-sonner-toast]")).toHaveCount(0, { timeout: 10_000 });
  await page.setViewportSize(PHONE);
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await page.mouse.move(PHONE.width - 1, 1);
  // The first screen shows `focus` when given (e.g. the results below a form), else the top.
  if (focus) await focus.evaluate((el) => el.scrollIntoView({ block: "start" }));
  else await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/${name}-phone.png` });
  await shot(page, `${name}-phone-full`);
  await page.setViewportSize(DESKTOP);
}

/**
 * The API straight, with its own bearer token: for setting the scene (a rendered track, a
 * clean YouTube connection) faster than the UI would, where the UI is not what is tested.
 */
export async function apiAs(request: APIRequestContext) {
  const login = await request.post(`${API_URL}/api/auth/login`, { data: { email: EMAIL, password: PASSWORD } });
  expect(login.ok(), await login.text()).toBeTruthy();
  const { access_token } = (await login.json()) as { access_token: string };
  const headers = { Authorization: `Bearer ${access_token}` };
  const call = async <T>(method: "GET" | "POST" | "DELETE", path: string, data?: unknown): Promise<T> => {
    const response = await request.fetch(`${API_URL}${path}`, { method, headers, data, timeout: 180_000 });
    expect(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`).toBeTruthy();
    return (response.status() === 204 ? undefined : await response.json()) as T;
  };
  return {
    get: <T>(path: string) => call<T>("GET", path),
    post: <T>(path: string, data?: unknown) => call<T>("POST", path, data),
    delete: (path: string) => call<void>("DELETE", path),
  };
}

/**
 * axe-core on the page as it stands: no violation of serious or critical impact. The rules
 * are axe's WCAG 2.0/2.1/2.2 A and AA sets; lesser findings are printed, not failed.
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  const describe = (v: (typeof results.violations)[number]) =>
    `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`;
  const blocking = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const minor = results.violations.filter((v) => !blocking.includes(v));
  if (minor.length > 0) console.log(`axe (${label}), not failing:\n  ${minor.map(describe).join("\n  ")}`);
  expect(blocking.map(describe), `axe: serious or critical violations on ${label}`).toEqual([]);
}
