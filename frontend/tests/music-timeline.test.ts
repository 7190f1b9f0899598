import { describe, expect, it } from "vitest";

import {
  barNumber,
  boundaryKeyMove,
  boundaryRange,
  count,
  energyPath,
  formatTime,
  fractionOf,
  nearestIndex,
  snapTime,
  spanStyle,
  stepPoint,
  timeAtPointer,
} from "@/lib/music-timeline";

// 120 BPM, 4/4, 20 s: a beat every 0.5 s, a bar line every 2 s.
const beats = Array.from({ length: 40 }, (_, i) => i * 0.5);
const downbeats = beats.filter((_, i) => i % 4 === 0);
const grid = { beats, downbeats };
const sections = [
  { start: 0, end: 8 },
  { start: 8, end: 14 },
  { start: 14, end: 20 },
];

describe("geometry", () => {
  it("places times as shares of the song, clamped", () => {
    expect(fractionOf(5, 20)).toBe(0.25);
    expect(fractionOf(-1, 20)).toBe(0);
    expect(fractionOf(30, 20)).toBe(1);
    expect(fractionOf(5, 0)).toBe(0);
    expect(fractionOf(Number.NaN, 20)).toBe(0);
  });

  it("turns a pointer position back into a time", () => {
    expect(timeAtPointer(150, 100, 200, 20)).toBe(5);
    expect(timeAtPointer(50, 100, 200, 20)).toBe(0);
    expect(timeAtPointer(400, 100, 200, 20)).toBe(20);
    expect(timeAtPointer(150, 100, 0, 20)).toBe(0);
  });

  it("sizes spans as CSS percentages", () => {
    expect(spanStyle({ start: 5, end: 10 }, 20)).toEqual({ left: "25%", width: "25%" });
  });

  it("draws the energy per beat as a closed area", () => {
    const path = energyPath([0, 10], [0, 1], 20, 1000, 100);
    expect(path.startsWith("M0 100")).toBe(true);
    expect(path).toContain("L500.0 8.0"); // full energy at the half-way beat: 92 % of the height
    expect(path.endsWith("L1000 100 Z")).toBe(true);
    expect(energyPath([], [], 20)).toBe("");
    expect(energyPath([0, 1], [0.5], 0)).toBe("");
  });

  it("reads times as m:ss.s", () => {
    expect(formatTime(0)).toBe("0:00.0");
    expect(formatTime(9.487)).toBe("0:09.5");
    expect(formatTime(59.97)).toBe("1:00.0");
    expect(formatTime(-3)).toBe("0:00.0");
  });
});

describe("snapping", () => {
  it("finds the nearest point, ties going earlier", () => {
    expect(nearestIndex([], 3)).toBe(-1);
    expect(nearestIndex([0, 2, 4], 2.9)).toBe(1);
    expect(nearestIndex([0, 2, 4], 3)).toBe(1);
    expect(nearestIndex([0, 2, 4], 3.1)).toBe(2);
    expect(nearestIndex([0, 2, 4], 99)).toBe(2);
  });

  it("snaps to a bar line, or any beat when asked", () => {
    expect(snapTime(grid, 9.2)).toBe(10);
    expect(snapTime(grid, 8.9)).toBe(8);
    expect(snapTime(grid, 9.2, true)).toBe(9);
    expect(snapTime({ beats, downbeats: [] }, 9.2)).toBe(9);
    expect(snapTime({ beats: [], downbeats: [] }, 9.2)).toBe(9.2);
  });

  it("steps to the next or previous point, skipping one it sits on", () => {
    expect(stepPoint(downbeats, 8, 1)).toBe(10);
    expect(stepPoint(downbeats, 8.0005, -1)).toBe(6);
    expect(stepPoint(downbeats, 18, 1)).toBeNull();
  });

  it("counts bars", () => {
    expect(barNumber(downbeats, 0)).toBe(1);
    expect(barNumber(downbeats, 8)).toBe(5);
    expect(barNumber([], 8)).toBeNull();
  });
});

describe("moving a boundary with the keyboard", () => {
  it("keeps a boundary strictly between its neighbours", () => {
    expect(boundaryRange(sections, 1)).toEqual({ start: 0, end: 14 });
    expect(boundaryRange(sections, 0)).toBeNull();
    expect(boundaryRange(sections, 3)).toBeNull();
  });

  it("moves a beat with the arrows (between bar lines: any beat) and a bar with Page keys", () => {
    expect(boundaryKeyMove(grid, sections, 1, "ArrowRight")).toEqual({ at: 8.5, anyBeat: true });
    expect(boundaryKeyMove(grid, sections, 1, "ArrowLeft")).toEqual({ at: 7.5, anyBeat: true });
    expect(boundaryKeyMove(grid, sections, 1, "PageUp")).toEqual({ at: 10, anyBeat: false });
    expect(boundaryKeyMove(grid, sections, 1, "PageDown")).toEqual({ at: 6, anyBeat: false });
  });

  it("needs no any-beat when a beat step lands on a bar line", () => {
    const offBar = [
      { start: 0, end: 7.5 },
      { start: 7.5, end: 14 },
      { start: 14, end: 20 },
    ];
    expect(boundaryKeyMove(grid, offBar, 1, "ArrowRight")).toEqual({ at: 8, anyBeat: false });
  });

  it("goes to the first and last bar line it may take, and no further", () => {
    expect(boundaryKeyMove(grid, sections, 1, "Home")).toEqual({ at: 2, anyBeat: false });
    expect(boundaryKeyMove(grid, sections, 1, "End")).toEqual({ at: 12, anyBeat: false });
    const tight = [
      { start: 0, end: 0.5 },
      { start: 0.5, end: 1 },
      { start: 1, end: 20 },
    ];
    expect(boundaryKeyMove(grid, tight, 1, "ArrowLeft")).toBeNull();
    expect(boundaryKeyMove(grid, tight, 1, "ArrowRight")).toBeNull();
  });

  it("ignores other keys and the first section", () => {
    expect(boundaryKeyMove(grid, sections, 1, "a")).toBeNull();
    expect(boundaryKeyMove(grid, sections, 0, "ArrowRight")).toBeNull();
  });
});

describe("count", () => {
  it("says one thing or several", () => {
    expect(count(1, "section")).toBe("1 section");
    expect(count(4, "clip")).toBe("4 clips");
  });
});
