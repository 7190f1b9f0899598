// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { LyricsLane } from "@/components/music/lyrics-lane";
import { type LyricsInfo, lineAt, lyricsNote, wordAt } from "@/lib/lyrics";

afterEach(cleanup);

function nth<T>(items: readonly T[], i: number): T {
  const item = items[i];
  if (item === undefined) throw new Error(`no item ${i}`);
  return item;
}

const sung: LyricsInfo = {
  status: "transcribed",
  warnings: [],
  lyrics: {
    language: "english",
    provider: "openai",
    model: "whisper-1",
    segments: [
      {
        start: 2,
        end: 5,
        text: "Walking through the light",
        words: [
          { word: "Walking", start: 2, end: 2.8 },
          { word: "through", start: 2.8, end: 3.5 },
          { word: "the", start: 3.5, end: 4 },
          { word: "light", start: 4, end: 5 },
        ],
      },
      {
        start: 6,
        end: 9,
        text: "hold on to the 2 of us",
        words: [
          { word: "hold", start: 6, end: 6.5 },
          { word: "2", start: null, end: null },
          { word: "us", start: 8, end: 9 },
        ],
      },
    ],
  },
};

describe("lyrics helpers", () => {
  it("finds the line and word being sung, never an unplaced word", () => {
    const lines = sung.lyrics!.segments;
    expect([lineAt(lines, 1), lineAt(lines, 2), lineAt(lines, 5), lineAt(lines, 6.2), lineAt(lines, 12)]).toEqual([-1, 0, -1, 1, -1]);
    expect(wordAt(nth(lines, 0), 3)).toBe(1);
    expect(wordAt(nth(lines, 1), 7)).toBe(-1);
  });

  it("says why there are no lines", () => {
    expect(lyricsNote({ status: "not_configured", lyrics: null, warnings: [] })).toBe("Instrumental — no transcription provider configured.");
    expect(lyricsNote({ status: "instrumental", lyrics: null, warnings: [] })).toMatch(/no sung words/);
    expect(lyricsNote({ status: "failed", lyrics: null, warnings: ["lyrics: OpenAI refused; the beats and sections are kept."] })).toMatch(
      /beats and sections are kept/,
    );
    expect(lyricsNote(sung)).toBeNull();
  });
});

describe("LyricsLane", () => {
  it("marks the line being sung and seeks to a line from the keyboard", () => {
    const onSeek = vi.fn();
    render(<LyricsLane info={sung} duration={20} current={3} onSeek={onSeek} />);
    const list = screen.getByRole("list", { name: "Lyric lines" });
    const buttons = within(list).getAllByRole("button");
    expect(buttons).toHaveLength(2);
    const [first, second] = [nth(buttons, 0), nth(buttons, 1)];
    expect(first.getAttribute("aria-current")).toBe("true");
    expect(second.getAttribute("aria-current")).toBeNull();
    expect(first.textContent).toContain("0:02.0");
    expect(second.textContent).toContain("hold 2 us");
    second.focus();
    fireEvent.click(second);
    expect(onSeek).toHaveBeenCalledWith(6);
    const lane = screen.getByTestId("lyrics-lane");
    expect(lane.getAttribute("aria-hidden")).toBe("true");
    const placed = lane.children[1] as HTMLElement;
    expect([placed.style.left, placed.style.width]).toEqual(["30%", "15%"]);
  });

  it("says instrumental without a provider, and shows a failure's warning", () => {
    render(<LyricsLane info={{ status: "not_configured", lyrics: null, warnings: [] }} duration={20} current={0} />);
    expect(screen.getByTestId("lyrics-note").textContent).toBe("Instrumental — no transcription provider configured.");
    expect(screen.queryByRole("list")).toBeNull();
    cleanup();
    render(<LyricsLane info={{ status: "failed", lyrics: null, warnings: ["lyrics: budget; the beats and sections are kept."] }} duration={20} current={0} />);
    expect(screen.getByRole("region", { name: "Lyrics" }).textContent).toContain("the beats and sections are kept");
  });
});
