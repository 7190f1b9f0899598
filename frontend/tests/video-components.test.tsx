// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { ClipTiles } from "@/components/video/clip-tiles";
import { ReviewPlayer } from "@/components/video/review-player";
import type { Production } from "@/components/video/use-production";
import type { ProductionClip, ProductionVideo } from "@/lib/video-types";

afterEach(cleanup);

function clip(index: number, start: number, end: number, section: number, extra: Partial<ProductionClip> = {}): ProductionClip {
  return {
    index,
    start,
    end,
    duration: end - start,
    section_index: section,
    section_label: section === 0 ? "intro" : "chorus",
    energy: 0.5,
    lyrics: [],
    scene_index: index,
    status: "ready",
    provider: "local",
    error: null,
    regenerated: false,
    ...extra,
  };
}

const clips = [clip(0, 0, 4, 0), clip(1, 4, 8, 1), clip(2, 8, 12, 1)];

function video(over: Partial<ProductionVideo> = {}): ProductionVideo {
  return {
    id: "v1",
    song_id: "s1",
    kind: "music",
    prompt: "Night rain",
    aspect: "16:9",
    status: "composed",
    duration: 12,
    created_at: "",
    updated_at: "",
    grid: {} as ProductionVideo["grid"],
    sections: [
      { index: 0, start: 0, end: 4, label: "intro", note: "" },
      { index: 1, start: 4, end: 12, label: "chorus", note: "" },
    ],
    clips,
    video_type: "scenery",
    suggested_type: null,
    style: null,
    warnings: [],
    options: {},
    scenes: [],
    output: { url: "/media/v.mp4?sig=1", download_url: "/media/v.mp4?sig=1&download=x", bytes: 1000, duration: 12 },
    share_path: null,
    regenerated: { clips: [], sections: [] },
    cost_usd: 0,
    ...over,
  } as ProductionVideo;
}

function production(v: ProductionVideo) {
  const regenerateClip = vi.fn(async () => true);
  const regenerateSection = vi.fn(async () => true);
  return { video: v, clips: v.clips, busy: null, regenerateClip, regenerateSection } as unknown as Production & {
    regenerateClip: typeof regenerateClip;
    regenerateSection: typeof regenerateSection;
  };
}

describe("ReviewPlayer", () => {
  it("offers the clip and section at the playhead, with what is left, and follows a seek", () => {
    const p = production(video());
    render(<ReviewPlayer production={p} lyrics={null} />);
    const clipButton = screen.getByTestId("regenerate-clip");
    expect(clipButton.textContent).toBe("Regenerate this clip (clip 1): 1 regeneration left");
    fireEvent.click(clipButton);
    expect(p.regenerateClip).toHaveBeenCalledWith(0);

    // The player moves to 9 s: clip 3, in the chorus.
    const player = screen.getByTestId("video-player") as HTMLVideoElement;
    Object.defineProperty(player, "currentTime", { value: 9, configurable: true });
    fireEvent.timeUpdate(player);
    expect(screen.getByTestId("playhead-facts").textContent).toContain("chorus · clip 3 of 3");
    expect(screen.getByTestId("regenerate-section").textContent).toBe("Regenerate this section (chorus): 1 regeneration left");
    fireEvent.click(screen.getByTestId("regenerate-section"));
    expect(p.regenerateSection).toHaveBeenCalledWith(1);
  });

  it("says none left, and refuses, once a clip or section was regenerated", () => {
    const p = production(video({ regenerated: { clips: [0], sections: [0] } }));
    render(<ReviewPlayer production={p} lyrics={null} />);
    const button = screen.getByTestId("regenerate-clip") as HTMLButtonElement;
    expect(button.textContent).toBe("Regenerate this clip (clip 1): none left");
    expect(button.disabled).toBe(true);
    expect((screen.getByTestId("regenerate-section") as HTMLButtonElement).disabled).toBe(true);
  });

  it("offers no regeneration once finalized", () => {
    render(<ReviewPlayer production={production(video({ status: "finalized" }))} lyrics={null} />);
    expect(screen.queryByTestId("regenerate-clip")).toBeNull();
  });
});

describe("ClipTiles", () => {
  it("marks each clip's state and shows a failed clip's error", () => {
    render(
      <ClipTiles
        clips={[clip(0, 0, 4, 0), clip(1, 4, 8, 1, { status: "failed", error: "the model refused" }), clip(2, 8, 12, 1, { status: "planned" })]}
        running
      />,
    );
    const tiles = screen.getAllByTestId("clip-tile");
    expect(tiles.map((t) => t.dataset.status)).toEqual(["ready", "failed", "planned"]);
    expect(tiles[1]!.textContent).toContain("the model refused");
    expect(screen.getByTestId("clip-count").textContent).toBe("1 of 3 clips ready");
  });
});
