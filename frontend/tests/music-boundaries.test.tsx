// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { BoundaryHandles } from "@/components/music/boundary-handles";
import { ClipPlan } from "@/components/music/clip-plan";
import type { Clip, Section } from "@/lib/music-types";

afterEach(cleanup);

// 120 BPM in 4/4 over 20 s.
const beats = Array.from({ length: 40 }, (_, i) => i * 0.5);
const grid = { beats, downbeats: beats.filter((_, i) => i % 4 === 0) };
const sections: Section[] = [
  { index: 0, start: 0, end: 8, label: "intro", note: "" },
  { index: 1, start: 8, end: 14, label: "verse", note: "" },
  { index: 2, start: 14, end: 20, label: "outro", note: "" },
];

describe("BoundaryHandles", () => {
  it("is one labelled slider per inner boundary, with its range and bar", () => {
    render(<BoundaryHandles grid={grid} sections={sections} duration={20} disabled={false} onMove={() => undefined} />);
    const sliders = screen.getAllByRole("slider");
    expect(sliders).toHaveLength(2);
    const first = screen.getByRole("slider", { name: "Start of section 2 (verse)" });
    expect(first.getAttribute("aria-valuenow")).toBe("8");
    expect(first.getAttribute("aria-valuemin")).toBe("0");
    expect(first.getAttribute("aria-valuemax")).toBe("14");
    expect(first.getAttribute("aria-valuetext")).toBe("0:08.0, bar 5");
    expect(first.style.left).toBe("40%");
  });

  it("asks for a beat with the arrows and a bar with Page keys", () => {
    const onMove = vi.fn();
    render(<BoundaryHandles grid={grid} sections={sections} duration={20} disabled={false} onMove={onMove} />);
    const slider = screen.getByRole("slider", { name: /section 3/ });
    fireEvent.keyDown(slider, { key: "ArrowLeft" });
    fireEvent.keyDown(slider, { key: "PageUp" });
    fireEvent.keyDown(slider, { key: "x" });
    expect(onMove.mock.calls).toEqual([
      [2, 13.5, true],
      [2, 16, false],
    ]);
  });

  it("does nothing while an edit is on its way", () => {
    const onMove = vi.fn();
    render(<BoundaryHandles grid={grid} sections={sections} duration={20} disabled onMove={onMove} />);
    fireEvent.keyDown(screen.getByRole("slider", { name: /section 2/ }), { key: "ArrowRight" });
    expect(onMove).not.toHaveBeenCalled();
  });
});

describe("ClipPlan", () => {
  it("draws each clip as long as it lasts, labelling a section's first clip", () => {
    const clip = (index: number, start: number, end: number, section_index: number, section_label: string): Clip => ({
      index, start, end, duration: end - start, section_index, section_label, energy: 0.5, lyrics: [],
    });
    render(<ClipPlan duration={20} clips={[clip(0, 0, 4, 0, "intro"), clip(1, 4, 8, 0, "intro"), clip(2, 8, 14, 1, "verse")]} />);
    const blocks = screen.getAllByTestId("clip-block");
    expect(blocks.map((b) => b.style.width)).toEqual(["20%", "20%", "30%"]);
    const shownLabel = (i: number) => blocks[i]?.querySelector("[aria-hidden]")?.textContent;
    expect([shownLabel(0), shownLabel(1), shownLabel(2)]).toEqual(["intro", "\u00a0", "verse"]);
    expect(blocks[2]?.textContent).toContain("6.0");
    expect(screen.getByRole("list", { name: "Clip plan: 3 clips" })).toBeTruthy();
  });
});
