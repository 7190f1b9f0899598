// @vitest-environment happy-dom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { SharedPlayer } from "@/components/video/shared-player";
import { VideoCard } from "@/components/video/video-card";
import { aspectLook, isPortrait } from "@/lib/aspect";
import { briefsByVideo, kindLabel, videoHref } from "@/lib/library";
import type { ProductionVideo } from "@/lib/video-types";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: vi.fn(), push: vi.fn() }) }));

afterEach(cleanup);

describe("aspectLook", () => {
  it("gives each of the three shapes its own ratio, frame and label", () => {
    expect(aspectLook("16:9")).toMatchObject({ key: "16:9", ratio: "aspect-video", label: "Landscape 16:9" });
    expect(aspectLook("9:16")).toMatchObject({ key: "9:16", ratio: "aspect-[9/16]", label: "Portrait 9:16" });
    expect(aspectLook("1:1")).toMatchObject({ key: "1:1", ratio: "aspect-square", label: "Square 1:1" });
    // A square is not drawn in the landscape box, and is limited in width like the portrait one.
    expect(aspectLook("1:1").ratio).not.toBe(aspectLook("16:9").ratio);
    expect(aspectLook("1:1").frame).toContain("max-w-");
    expect(aspectLook("16:9").frame).not.toContain("max-w-");
  });

  it("reads forgiving spellings and falls back to landscape for the unknown", () => {
    expect(aspectLook("1x1").key).toBe("1:1");
    expect(aspectLook(" 9 / 16 ").key).toBe("9:16");
    expect(aspectLook("4:3").key).toBe("16:9");
    expect(aspectLook(null).key).toBe("16:9");
    expect(isPortrait("9:16")).toBe(true);
    expect(isPortrait("1:1")).toBe(false);
  });
});

describe("SharedPlayer", () => {
  it("draws a square video square", () => {
    render(<SharedPlayer src="/media/a.mp4" aspect="1:1" title="Ad" />);
    const video = screen.getByTestId("shared-video");
    expect(video.className).toContain("aspect-square");
    expect(video.className).not.toContain("aspect-video");
    expect(video.getAttribute("data-aspect")).toBe("1:1");
  });
});

describe("library links", () => {
  const briefs = briefsByVideo([
    { id: "b1", video_id: "v-ad" },
    { id: "b2", video_id: null },
  ]);

  it("maps videos to the briefs that made them", () => {
    expect([...briefs.entries()]).toEqual([["v-ad", "b1"]]);
  });

  it("sends an ad to its brief and a music video to its own page", () => {
    expect(videoHref({ id: "v-ad", kind: "ad" }, briefs)).toBe("/ads/b1");
    expect(videoHref({ id: "v-music", kind: "music" }, briefs)).toBe("/music/videos/v-music");
    // An ad whose brief is unknown must not be sent to the music-video page, which cannot show it.
    expect(videoHref({ id: "v-orphan", kind: "ad" }, briefs)).toBeNull();
  });

  it("names the kind", () => {
    expect(kindLabel("music")).toBe("Music video");
    expect(kindLabel("ad")).toBe("Ad");
    expect(kindLabel("promo")).toBe("Promo");
  });
});

function adVideo(over: Partial<ProductionVideo> = {}): ProductionVideo {
  return {
    id: "v-ad",
    song_id: "s1",
    kind: "ad",
    prompt: "Lumen lamp",
    aspect: "1:1",
    status: "composed",
    duration: 15,
    scenes: [],
    output: { url: "/media/v.mp4?sig=1", download_url: "/media/v.mp4?d=1", bytes: 2048, duration: 15 },
    ...over,
  } as unknown as ProductionVideo;
}

describe("VideoCard", () => {
  it("shows the kind, the square shape and links to the brief", () => {
    render(<VideoCard video={adVideo()} href="/ads/b1" />);
    expect(screen.getByTestId("library-kind").textContent).toBe("Ad");
    expect(screen.getByTestId("library-thumb").className).toContain("aspect-square");
    expect(screen.getByText("Square 1:1")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Lumen lamp" }).getAttribute("href")).toBe("/ads/b1");
  });

  it("is not a link when its page is unknown", () => {
    render(<VideoCard video={adVideo()} href={null} />);
    expect(screen.queryByRole("link")).toBeNull();
    expect(screen.getByText("Lumen lamp")).toBeTruthy();
  });
});
