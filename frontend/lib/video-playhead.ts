// What sits under the player's playhead: the section, the clip and the sung line at a time,
// and how many regenerations a clip or a section has left. Pure, so it is tested alone.

export interface Span {
  start: number;
  end: number;
}

/**
 * The index of the span holding `t` (start inclusive, end exclusive), or -1. The last span
 * also holds its own end, so the video's final frame still belongs to the last clip. Spans
 * are in time order; a binary search keeps a 70-clip video cheap at 60 updates a second.
 */
export function spanIndexAt(spans: readonly Span[], t: number): number {
  if (spans.length === 0 || !Number.isFinite(t)) return -1;
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid]!;
    if (t < s.start) hi = mid - 1;
    else if (t >= s.end) lo = mid + 1;
    else return mid;
  }
  const last = spans[spans.length - 1]!;
  return t === last.end ? spans.length - 1 : -1;
}

/** Each clip and each section may be regenerated once. */
export const REGENERATIONS_EACH = 1;

export function regenerationsLeft(done: readonly number[], index: number): number {
  return done.includes(index) ? 0 : REGENERATIONS_EACH;
}

/** "1 regeneration left" / "none left", for the buttons and their screen-reader names. */
export function leftText(left: number): string {
  if (left <= 0) return "none left";
  return `${left} regeneration${left === 1 ? "" : "s"} left`;
}

/** The event stream counts 0..1; the bars 0–100. */
export function toPercent(progress: number): number {
  return Math.round(Math.min(1, Math.max(0, progress)) * 100);
}

/**
 * How far a step's stage text says it is, "clips 3/12" or "painting stills 2/8" → [3, 12];
 * null for stages without a count ("composing", "planning the scenes").
 */
export function stageCount(stage: string | null | undefined): [number, number] | null {
  const m = stage?.match(/(\d+)\s*\/\s*(\d+)/);
  if (!m) return null;
  const done = Number(m[1]);
  const total = Number(m[2]);
  return total > 0 ? [done, total] : null;
}
