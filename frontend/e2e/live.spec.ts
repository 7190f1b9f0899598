import { expect, test } from "@playwright/test";

import { apiAs, signIn } from "./helpers";

interface TrackLite {
  id: string;
  status: string;
}

// The track page follows a step live through the API's event stream, relayed by the
// dashboard's own server. The browser's EventSource is wrapped to count what reaches the page.
test("the track page follows a render through its event stream", async ({ page, request }) => {
  const api = await apiAs(request);
  const track = await api.post<TrackLite>("/api/generate", {
    prompt: `Slow harbour fog with distant bells, live ${Date.now()}`,
    duration: 180,
  });

  await page.addInitScript(() => {
    const seen: Record<string, number> = {};
    (window as unknown as { __events: Record<string, number> }).__events = seen;
    const Original = window.EventSource;
    window.EventSource = class extends Original {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        for (const name of ["stage_update", "progress", "message", "cost_update", "completed", "error"]) {
          this.addEventListener(name, (event) => {
            const kind = (JSON.parse((event as MessageEvent<string>).data) as { kind?: string }).kind;
            const key = `${name}:${kind}`;
            seen[key] = (seen[key] ?? 0) + 1;
          });
        }
      }
    };
  });
  await signIn(page);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto(`/tracks/${track.id}`);

  const stream = page.waitForResponse(
    (r) => r.url().endsWith(`/api/tracks/${track.id}/events`) && r.status() === 200,
    { timeout: 30_000 },
  );
  await page.getByRole("button", { name: "Render video" }).click();
  const response = await stream;
  expect(response.headers()["content-type"]).toContain("text/event-stream");
  expect(response.headers()["content-encoding"]).toBeUndefined(); // not gzipped, so not held back

  await expect(page.getByTestId("track-video")).toBeVisible({ timeout: 180_000 });
  await expect(page.getByTestId("status-badge").first()).toHaveAttribute("data-status", "rendered");
  const seen = await page.evaluate(() => (window as unknown as { __events: Record<string, number> }).__events);
  // The render's own events reached the page (not only a replay of the generation's).
  expect((seen["progress:render"] ?? 0) + (seen["stage_update:render"] ?? 0)).toBeGreaterThan(0);
});
