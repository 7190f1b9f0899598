// @vitest-environment happy-dom
// Forms that only JavaScript can send must not be sendable from the server's HTML: before
// hydration a click or Enter would submit natively (a GET with the fields in the address
// bar) and the page would reload having made nothing. Their submit buttons are disabled in
// the server render, and enabled once React runs in the browser.
import { cleanup, render, screen } from "@testing-library/react";
import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { Track } from "@/lib/api/types";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: vi.fn(), refresh: vi.fn() }) }));

const { GenerateForm } = await import("@/components/dashboard/generate-form");
const { BatchForm } = await import("@/components/batch/batch-form");
const { UploadFooter } = await import("@/components/youtube/upload-footer");

afterEach(cleanup);

const youtube = { configured: true, connected: true, needsReconnect: false, channel: "Lofi Rain Studio" };
const track = { id: "11111111-1111-4111-8111-111111111111", status: "rendered", stage: null, progress: null } as Track;

const forms: [string, () => React.ReactElement, RegExp][] = [
  ["generate", () => <GenerateForm />, /generate track/i],
  ["batch", () => <BatchForm youtube={youtube} busy={false} onStart={vi.fn()} />, /start batch/i],
  [
    "upload dialog",
    () => (
      <form>
        <UploadFooter track={track} uploading={false} onClose={vi.fn()} />
      </form>
    ),
    /^upload$/i,
  ],
];

/** The submit buttons in an HTML string, as a browser would parse them. */
function submitButtons(html: string): HTMLButtonElement[] {
  const host = document.createElement("div");
  host.innerHTML = html;
  return [...host.querySelectorAll<HTMLButtonElement>('button[type="submit"]')];
}

describe("forms before and after hydration", () => {
  it.each(forms)("%s: the server's HTML has its submit button disabled", (_name, element) => {
    const buttons = submitButtons(renderToString(element()));
    expect(buttons.length).toBe(1);
    expect(buttons.every((b) => b.disabled)).toBe(true);
  });

  it.each(forms)("%s: enabled once running in the browser", (_name, element, label) => {
    render(element());
    expect((screen.getByRole("button", { name: label }) as HTMLButtonElement).disabled).toBe(false);
  });
});
