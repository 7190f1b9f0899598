// Geometry of the music timeline: where a time sits on it, the energy curve as an SVG path,
// and the snapping and stepping of section boundaries. Pure functions, so the drawing and the
// keyboard behave the same and can be tested without a browser. The server snaps every
// boundary itself; these only preview that and choose where a key press should go.

/** Points closer than this (seconds) are the same point: the API rounds times to the ms. */
export const SAME_POINT = 0.002;

export interface BeatGrid {
  beats: readonly number[];
  downbeats: readonly number[];
}

export interface Span {
  start: number;
  end: number;
}

/** A time as a share of the song (0..1), clamped; 0 for a song of no length. */
export function fractionOf(t: number, duration: number): number {
  if (!(duration > 0) || !Number.isFinite(t)) return 0;
  return Math.min(1, Math.max(0, t / duration));
}

export function percentOf(t: number, duration: number): number {
  return fractionOf(t, duration) * 100;
}

/** The time under a pointer at `clientX` over a box spanning `left`..`left + width`. */
export function timeAtPointer(clientX: number, left: number, width: number, duration: number): number {
  if (!(width > 0)) return 0;
  return Math.min(1, Math.max(0, (clientX - left) / width)) * duration;
}

/** Index of the point nearest `t` in a sorted list; -1 for an empty one. */
export function nearestIndex(points: readonly number[], t: number): number {
  if (points.length === 0) return -1;
  let lo = 0;
  let hi = points.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((points[mid] ?? 0) < t) lo = mid + 1;
    else hi = mid;
  }
  const after = points[lo] ?? 0;
  const before = lo > 0 ? (points[lo - 1] ?? after) : after;
  return lo > 0 && t - before <= after - t ? lo - 1 : lo;
}

/** The grid point the server will snap `t` to: the nearest downbeat, or beat with `anyBeat`. */
export function snapTime(grid: BeatGrid, t: number, anyBeat = false): number {
  const points = anyBeat || grid.downbeats.length === 0 ? grid.beats : grid.downbeats;
  const i = nearestIndex(points, t);
  return i < 0 ? t : (points[i] ?? t);
}

/** The next point after `t` (direction 1) or before it (-1) in a sorted list; null at the end. */
export function stepPoint(points: readonly number[], t: number, direction: 1 | -1): number | null {
  if (direction > 0) return points.find((p) => p > t + SAME_POINT) ?? null;
  for (let i = points.length - 1; i >= 0; i -= 1) {
    const p = points[i] ?? 0;
    if (p < t - SAME_POINT) return p;
  }
  return null;
}

/** Where the start of section `index` may go: strictly inside the previous and its own span. */
export function boundaryRange(sections: readonly Span[], index: number): Span | null {
  const before = sections[index - 1];
  const own = sections[index];
  if (index < 1 || !before || !own) return null;
  return { start: before.start, end: own.end };
}

export type BoundaryKey = "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown" | "PageUp" | "PageDown" | "Home" | "End";

export interface BoundaryMove {
  at: number;
  /** True when the move lands between bar lines: the server must then snap to any beat. */
  anyBeat: boolean;
}

/**
 * Where a key press sends the start of section `index`: arrows one beat, Page keys one bar,
 * Home/End the first/last bar line it may take. Null when the key means nothing here or the
 * boundary cannot go further (the neighbour sections need at least a beat each).
 */
export function boundaryKeyMove(grid: BeatGrid, sections: readonly Span[], index: number, key: string): BoundaryMove | null {
  const range = boundaryRange(sections, index);
  const current = sections[index]?.start;
  if (!range || current === undefined) return null;
  const inside = (p: number) => p > range.start + SAME_POINT && p < range.end - SAME_POINT;
  const beats = grid.beats.filter(inside);
  const bars = (grid.downbeats.length > 0 ? grid.downbeats : grid.beats).filter(inside);
  let at: number | null = null;
  let anyBeat = false;
  switch (key) {
    case "ArrowLeft":
    case "ArrowDown":
      at = stepPoint(beats, current, -1);
      anyBeat = true;
      break;
    case "ArrowRight":
    case "ArrowUp":
      at = stepPoint(beats, current, 1);
      anyBeat = true;
      break;
    case "PageDown":
      at = stepPoint(bars, current, -1);
      break;
    case "PageUp":
      at = stepPoint(bars, current, 1);
      break;
    case "Home":
      at = bars[0] ?? null;
      break;
    case "End":
      at = bars.at(-1) ?? null;
      break;
    default:
      return null;
  }
  if (at === null || Math.abs(at - current) < SAME_POINT) return null;
  // A beat that is also a bar line needs no permission to sit between bars.
  if (anyBeat && grid.downbeats.some((d) => Math.abs(d - (at ?? 0)) < SAME_POINT)) anyBeat = false;
  return { at, anyBeat };
}

/** Which bar (1-based) a time falls in, for reading a boundary aloud; null without bar lines. */
export function barNumber(downbeats: readonly number[], t: number): number | null {
  if (downbeats.length === 0) return null;
  let count = 0;
  for (const d of downbeats) if (d <= t + SAME_POINT) count += 1;
  return Math.max(1, count);
}

/**
 * The energy per beat as a filled area (viewBox `0 0 width height`): each beat's energy at its
 * time, joined by lines, closed along the bottom. Energies are 0..1; a song with no beats
 * gives an empty path.
 */
export function energyPath(beats: readonly number[], energy: readonly number[], duration: number, width = 1000, height = 100): string {
  const n = Math.min(beats.length, energy.length);
  if (n === 0 || !(duration > 0)) return "";
  const x = (t: number) => (fractionOf(t, duration) * width).toFixed(1);
  const y = (e: number) => (height - Math.min(1, Math.max(0, e)) * height * 0.92).toFixed(1);
  const parts = [`M0 ${height}`, `L0 ${y(energy[0] ?? 0)}`];
  for (let i = 0; i < n; i += 1) parts.push(`L${x(beats[i] ?? 0)} ${y(energy[i] ?? 0)}`);
  parts.push(`L${width} ${y(energy[n - 1] ?? 0)}`, `L${width} ${height}`, "Z");
  return parts.join(" ");
}

/** A span's place on the timeline, as CSS percentages. */
export function spanStyle(span: Span, duration: number): { left: string; width: string } {
  const left = percentOf(span.start, duration);
  const right = percentOf(span.end, duration);
  return { left: `${left}%`, width: `${Math.max(0, right - left)}%` };
}

/** Seconds as "m:ss.s", precise enough to tell beats apart at any tempo the analyser finds. */
export function formatTime(t: number): string {
  const safe = Number.isFinite(t) && t > 0 ? t : 0;
  const tenths = Math.round(safe * 10);
  const minutes = Math.floor(tenths / 600);
  const seconds = (tenths - minutes * 600) / 10;
  return `${minutes}:${seconds.toFixed(1).padStart(4, "0")}`;
}

/** "1 section", "4 sections". */
export function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
