// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { Track, UploadDefaults } from "@/lib/api/types";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: vi.fn(), refresh: vi.fn() }) }));

const defaults: UploadDefaults = {
  title: "Slow rain on a tin roof",
  description: "Slow rain on a tin roof\n\nAmbient music.",
  tags: ["ambient", "ambient music"],
  privacy: "private",
  category: "10",
  made_for_kids: null,
  contains_synthetic_media: true,
  quota_cost: 1650,
};
const get = vi.fn();
vi.mock("@/lib/api/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/api/client")>()),
  api: { GET: (...args: unknown[]) => get(...args) },
}));

const { UploadDialog } = await import("@/components/youtube/upload-dialog");
const { ApiError } = await import("@/lib/api/errors");

const track = { id: "11111111-1111-4111-8111-111111111111", status: "rendered", stage: null, progress: null } as Track;

beforeEach(() => {
  get.mockReset();
  get.mockResolvedValue({ data: defaults, response: new Response(null, { status: 200 }) });
});
afterEach(cleanup);

function open(onUpload = vi.fn(async () => track)) {
  render(
    <UploadDialog open onOpenChange={vi.fn()} track={track} channel="Lofi Rain Studio" uploading={false} onUpload={onUpload} />,
  );
  return onUpload;
}

describe("UploadDialog", () => {
  it("prefills the suggestions and counts tags as YouTube does", async () => {
    open();
    expect(((await screen.findByLabelText("Title")) as HTMLInputElement).value).toBe(defaults.title);
    expect(screen.getByText("23 / 100")).toBeTruthy();
    // "ambient" 7 + "ambient music" quoted 15 + one comma
    expect(screen.getByText("23 / 500")).toBeTruthy();
    expect(screen.getByText(/1,650 units/)).toBeTruthy();
  });

  it("will not send without the made-for-kids answer", async () => {
    const onUpload = open();
    await screen.findByLabelText("Title");
    fireEvent.click(screen.getByRole("button", { name: "Upload" }));
    expect(await screen.findByText("YouTube requires an answer: is this video made for kids?")).toBeTruthy();
    expect(onUpload).not.toHaveBeenCalled();
  });

  it("sends the edited metadata, and a schedule as private with the local offset", async () => {
    const onUpload = open();
    await screen.findByLabelText("Title");
    fireEvent.change(screen.getByLabelText("Title"), { target: { value: "  Rain, an hour  " } });
    fireEvent.click(screen.getByRole("button", { name: "Remove tag ambient music" }));
    const tags = screen.getByRole("textbox", { name: "Tags" });
    fireEvent.change(tags, { target: { value: "lofi" } });
    fireEvent.keyDown(tags, { key: "Enter" });
    fireEvent.click(screen.getByRole("radio", { name: /Public/ }));
    fireEvent.click(screen.getByRole("radio", { name: "Yes, it's made for kids" }));
    fireEvent.click(screen.getByRole("checkbox", { name: /Schedule publishing/ }));
    // Scheduling needs Private: it is chosen, and the others are locked.
    expect(screen.getByRole("radio", { name: /Private/ }).getAttribute("aria-checked")).toBe("true");
    expect(screen.getByRole("radio", { name: /Public/ }).hasAttribute("disabled")).toBe(true);
    fireEvent.change(screen.getByLabelText("Publish at"), { target: { value: "2099-06-01T09:30" } });
    fireEvent.click(screen.getByRole("button", { name: "Upload" }));

    await waitFor(() => expect(onUpload).toHaveBeenCalledTimes(1));
    const request = (onUpload.mock.calls[0] as unknown[])[0] as Record<string, unknown>;
    expect(request).toMatchObject({
      track_id: track.id,
      title: "Rain, an hour",
      tags: ["ambient", "lofi"],
      privacy: "private",
      made_for_kids: true,
      contains_synthetic_media: true,
      category: "10",
    });
    expect(request.publish_at).toMatch(/^2099-06-01T09:30:00[+-]\d\d:\d\d$/);
    expect(Date.parse(request.publish_at as string)).toBe(new Date(2099, 5, 1, 9, 30).getTime());
  });

  it("shows the way to Settings when YouTube is not connected", async () => {
    const onUpload = vi.fn(async () => {
      throw new ApiError({ detail: "No YouTube channel is connected", error_code: "YOUTUBE_NOT_CONNECTED", status_code: 409 });
    });
    open(onUpload);
    await screen.findByLabelText("Title");
    fireEvent.click(screen.getByRole("radio", { name: "No, it's not made for kids" }));
    fireEvent.click(screen.getByRole("button", { name: "Upload" }));
    const error = await screen.findByTestId("upload-error");
    expect(error.textContent).toContain("No YouTube channel is connected");
    expect(screen.getByRole("link", { name: /Open Settings/ }).getAttribute("href")).toBe("/settings");
  });

  it("says when the quota resets", async () => {
    const onUpload = vi.fn(async () => {
      throw new ApiError(
        { detail: "Not enough YouTube API quota left today. The quota resets at 2030-01-02 08:00 UTC.", error_code: "QUOTA_EXCEEDED", status_code: 403 },
        3600,
      );
    });
    open(onUpload);
    await screen.findByLabelText("Title");
    fireEvent.click(screen.getByRole("radio", { name: "No, it's not made for kids" }));
    fireEvent.click(screen.getByRole("button", { name: "Upload" }));
    const error = await screen.findByTestId("upload-error");
    expect(error.textContent).toContain("Not enough YouTube quota today");
    expect(error.textContent).toMatch(/That is \d\d:\d\d your time/);
  });
});
