import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";

import { clipsText } from "@/components/video/scene-card";
import { EVENT_STREAM_PATH } from "@/lib/event-stream";
import { leftText, regenerationsLeft, spanIndexAt, stageCount, toPercent } from "@/lib/video-playhead";
import { readOptions, reached } from "@/lib/video-types";
import { proxy } from "@/proxy";

// Three clips cut on beats at 120 BPM: 0–4, 4–9.5, 9.5–12.
const clips = [
  { start: 0, end: 4 },
  { start: 4, end: 9.5 },
  { start: 9.5, end: 12 },
];

describe("spanIndexAt: the clip or section under the playhead", () => {
  it("finds the span holding a time, a cut belonging to the clip it starts", () => {
    expect(spanIndexAt(clips, 0)).toBe(0);
    expect(spanIndexAt(clips, 3.999)).toBe(0);
    expect(spanIndexAt(clips, 4)).toBe(1);
    expect(spanIndexAt(clips, 9.49)).toBe(1);
    expect(spanIndexAt(clips, 9.5)).toBe(2);
  });

  it("keeps the last frame in the last clip, and says -1 outside or for nonsense", () => {
    expect(spanIndexAt(clips, 12)).toBe(2);
    expect(spanIndexAt(clips, 12.01)).toBe(-1);
    expect(spanIndexAt(clips, -0.1)).toBe(-1);
    expect(spanIndexAt(clips, Number.NaN)).toBe(-1);
    expect(spanIndexAt([], 1)).toBe(-1);
  });

  it("agrees with a linear scan over many clips (the binary search misses none)", () => {
    const many = Array.from({ length: 70 }, (_, i) => ({ start: i * 2.5, end: (i + 1) * 2.5 }));
    for (let t = 0; t < 175; t += 0.37) {
      const linear = many.findIndex((s) => s.start <= t && t < s.end);
      expect(spanIndexAt(many, t)).toBe(linear);
    }
  });

  it("reports a gap between lyric lines as no line", () => {
    const lines = [
      { start: 1, end: 3 },
      { start: 5, end: 7 },
    ];
    expect(spanIndexAt(lines, 4)).toBe(-1);
    expect(spanIndexAt(lines, 5.5)).toBe(1);
  });
});

describe("regenerations: once each", () => {
  it("leaves one for a clip not yet regenerated, none after", () => {
    expect(regenerationsLeft([], 3)).toBe(1);
    expect(regenerationsLeft([1, 3], 3)).toBe(0);
    expect(regenerationsLeft([1, 3], 2)).toBe(1);
    expect(leftText(1)).toBe("1 regeneration left");
    expect(leftText(2)).toBe("2 regenerations left");
    expect(leftText(0)).toBe("none left");
  });
});

describe("step progress", () => {
  it("reads counts from stage text and clamps the event's 0..1 to a percent", () => {
    expect(stageCount("clips 3/12")).toEqual([3, 12]);
    expect(stageCount("painting stills 2 / 8")).toEqual([2, 8]);
    expect(stageCount("composing")).toBeNull();
    expect(stageCount(null)).toBeNull();
    expect(stageCount("clips 0/0")).toBeNull();
    expect(toPercent(0.805)).toBe(81);
    expect(toPercent(1.7)).toBe(100);
    expect(toPercent(-1)).toBe(0);
  });
});

describe("the video's words", () => {
  it("names a scene's clips as a range when they run on", () => {
    expect(clipsText([])).toBe("no clip");
    expect(clipsText([4])).toBe("clip 5");
    expect(clipsText([2, 0, 1])).toBe("clips 1–3");
    expect(clipsText([0, 2])).toBe("clips 1, 3");
  });

  it("orders the statuses and reads options with their defaults", () => {
    expect(reached("composed", "approved")).toBe(true);
    expect(reached("storyboarded", "approved")).toBe(false);
    expect(readOptions({})).toEqual({ title: "", cta: "", captions: null, loudnorm: false });
    expect(readOptions({ title: "Night", captions: true, loudnorm: true, cta: 3 })).toEqual({
      title: "Night",
      cta: "",
      captions: true,
      loudnorm: true,
    });
  });
});

describe("share page and stream relay", () => {
  it("lets a visitor with no session reach a share page, but not the studio", async () => {
    const shared = await proxy(new NextRequest("http://studio.test/v/abcdefghijklmnopqrstuvwx"));
    expect(shared.headers.get("x-middleware-next")).toBe("1");
    expect(shared.headers.get("location")).toBeNull();
    const studio = await proxy(new NextRequest("http://studio.test/library"));
    expect(new URL(studio.headers.get("location") ?? "").pathname).toBe("/login");
    // A path that merely starts with "v" is no share page.
    const other = await proxy(new NextRequest("http://studio.test/videos"));
    expect(new URL(other.headers.get("location") ?? "").pathname).toBe("/login");
  });

  it("relays a video's event stream like a song's", () => {
    expect(EVENT_STREAM_PATH.test("/api/videos/6b1f5c1e-0000-4000-8000-000000000000/events")).toBe(true);
    expect(EVENT_STREAM_PATH.test("/api/videos/x/events/more")).toBe(false);
  });
});
