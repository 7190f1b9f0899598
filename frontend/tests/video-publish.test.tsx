// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { type VideoUploadState, uploadBlocked, uploadSummary } from "@/lib/video-publish";
import type { YouTubeConnection } from "@/lib/youtube";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: vi.fn(), refresh: vi.fn() }) }));

const get = vi.fn();
vi.mock("@/lib/api/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/api/client")>()),
  api: { GET: (...args: unknown[]) => get(...args) },
}));

const { YouTubePublish } = await import("@/components/video/youtube-publish");

const VIDEO = "22222222-2222-4222-8222-222222222222";
const connected: YouTubeConnection = { configured: true, connected: true, needsReconnect: false, channel: "Lofi Rain" };

function state(over: Partial<VideoUploadState>): VideoUploadState {
  return { video_id: VIDEO, status: "not_uploaded", upload_warnings: [], retryable: false, ...over } as VideoUploadState;
}

beforeEach(() => get.mockReset());
afterEach(cleanup);

describe("uploadBlocked", () => {
  it("offers a finished video on a connected channel, and an unknown connection", () => {
    expect(uploadBlocked(connected, "composed")).toBeNull();
    expect(uploadBlocked(connected, "finalized")).toBeNull();
    expect(uploadBlocked(null, "composed")).toBeNull();
  });

  it("says why not otherwise", () => {
    expect(uploadBlocked({ ...connected, connected: false, channel: null }, "composed")).toMatch(/No YouTube channel is connected/);
    expect(uploadBlocked({ ...connected, needsReconnect: true }, "composed")).toMatch(/reconnect/);
    expect(uploadBlocked({ configured: false, connected: false, needsReconnect: false, channel: null }, "composed")).toMatch(/not set up/);
    expect(uploadBlocked(connected, "approved")).toMatch(/composed/);
  });
});

describe("uploadSummary", () => {
  it("reads the API's 0–1 progress as percent", () => {
    expect(uploadSummary(state({ status: "uploading", progress: 0.426, stage: "uploading video" }))).toEqual({
      kind: "uploading",
      percent: 43,
      stage: "uploading video",
    });
    expect(uploadSummary(state({ status: "uploading" }))).toMatchObject({ percent: null, stage: "Starting the upload" });
  });

  it("gives the link of an uploaded video, built from its id when the URL is missing", () => {
    expect(uploadSummary(state({ status: "uploaded", youtube_video_id: "abc123" }))).toMatchObject({
      kind: "uploaded",
      url: "https://www.youtube.com/watch?v=abc123",
    });
  });

  it("keeps a failure's message and whether it can be continued", () => {
    expect(uploadSummary(state({ status: "failed", error_message: "Quota used up.", retryable: true }))).toEqual({
      kind: "failed",
      message: "Quota used up.",
      retryable: true,
    });
    expect(uploadSummary(null)).toEqual({ kind: "none" });
  });
});

describe("YouTubePublish", () => {
  it("disables the upload, with the reason, when no channel is connected", async () => {
    get.mockResolvedValue({ data: state({}) });
    render(<YouTubePublish videoId={VIDEO} videoStatus="composed" youtube={{ ...connected, connected: false, channel: null }} />);
    const button = screen.getByTestId("youtube-upload") as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    const why = screen.getByTestId("youtube-blocked");
    expect(button.getAttribute("aria-describedby")).toBe(why.id);
    expect(why.textContent).toMatch(/No YouTube channel is connected/);
    expect(screen.getByRole("link", { name: /Settings/ }).getAttribute("href")).toBe("/settings");
  });

  it("shows an uploaded video's link instead of the button", async () => {
    get.mockResolvedValue({ data: state({ status: "uploaded", youtube_url: "https://youtu.be/xyz", youtube_video_id: "xyz", youtube_privacy: "unlisted" }) });
    render(<YouTubePublish videoId={VIDEO} videoStatus="finalized" youtube={connected} />);
    const link = await screen.findByTestId("youtube-link");
    expect(link.getAttribute("href")).toBe("https://youtu.be/xyz");
    expect(screen.getByTestId("youtube-privacy").textContent).toBe("Unlisted");
    expect(screen.queryByTestId("youtube-upload")).toBeNull();
    expect(get).toHaveBeenCalledWith("/api/videos/{video_id}/upload", expect.objectContaining({ params: { path: { video_id: VIDEO } } }));
  });

  it("follows a running upload to its end", async () => {
    get
      .mockResolvedValueOnce({ data: state({ status: "uploading", progress: 0.25, stage: "uploading video" }) })
      .mockResolvedValue({ data: state({ status: "failed", error_message: "YouTube stopped answering.", retryable: true }) });
    render(<YouTubePublish videoId={VIDEO} videoStatus="composed" youtube={connected} />);
    expect((await screen.findByTestId("youtube-uploading")).textContent).toContain("25%");
    expect((screen.getByTestId("youtube-upload") as HTMLButtonElement).disabled).toBe(true);
    // The poll reads the failure: the message, and a retry that opens the dialog.
    await waitFor(() => expect(screen.getByTestId("youtube-failed").textContent).toContain("YouTube stopped answering."), { timeout: 4000 });
    const retry = screen.getByTestId("youtube-upload") as HTMLButtonElement;
    expect(retry.textContent).toBe("Retry the upload");
    expect(retry.disabled).toBe(false);
    fireEvent.click(retry);
    expect(await screen.findByRole("dialog")).toBeTruthy();
  });
});
