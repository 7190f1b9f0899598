// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { YouTubePanel, showsYouTube } from "@/components/youtube/youtube-panel";
import type { Track } from "@/lib/api/types";

afterEach(cleanup);

const base = {
  id: "11111111-1111-4111-8111-111111111111",
  prompt: "Slow rain on a tin roof",
  status: "rendered",
  failed_stage: null,
  youtube_url: null,
  youtube_video_id: null,
  youtube_privacy: null,
  upload_warnings: [],
} as unknown as Track;
const connected = { configured: true, connected: true, needsReconnect: false, channel: "Lofi Rain Studio" };
const noop = vi.fn();

describe("YouTubePanel", () => {
  it("shows the video, its visibility and the warnings the upload ended with", () => {
    const track = {
      ...base,
      status: "uploaded",
      youtube_url: "https://www.youtube.com/watch?v=abc123",
      youtube_video_id: "abc123",
      youtube_privacy: "private",
      upload_warnings: ["YouTube made this video private although you chose public"],
    } as Track;
    render(<YouTubePanel track={track} youtube={connected} pending={null} onUpload={noop} onRetry={noop} />);
    expect(screen.getByTestId("youtube-link").getAttribute("href")).toBe("https://www.youtube.com/watch?v=abc123");
    expect(screen.getByTestId("youtube-privacy").textContent).toBe("Private");
    expect(screen.getByTestId("upload-warnings").textContent).toContain("made this video private");
  });

  it("offers to continue a failed upload", () => {
    const onRetry = vi.fn();
    const track = { ...base, status: "failed", failed_stage: "upload" } as Track;
    expect(showsYouTube(track)).toBe(true);
    render(<YouTubePanel track={track} youtube={connected} pending={null} onUpload={noop} onRetry={onRetry} />);
    fireEvent.click(screen.getByRole("button", { name: "Retry upload" }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it("sends the creator to Settings while no channel is connected", () => {
    render(
      <YouTubePanel
        track={base}
        youtube={{ configured: true, connected: false, needsReconnect: false, channel: null }}
        pending={null}
        onUpload={noop}
        onRetry={noop}
      />,
    );
    expect(screen.getByRole("button", { name: "Upload to YouTube" }).hasAttribute("disabled")).toBe(true);
    expect(screen.getByText("No YouTube channel connected")).toBeTruthy();
    expect(screen.getByRole("link", { name: /Settings/ }).getAttribute("href")).toBe("/settings");
  });

  it("is shown for tracks that have a video to publish, not before", () => {
    expect(showsYouTube({ ...base, status: "generated" })).toBe(false);
    expect(showsYouTube({ ...base, status: "failed", failed_stage: "render" })).toBe(false);
    expect(showsYouTube(base)).toBe(true);
  });
});
