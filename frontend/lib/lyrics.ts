// A song's lyrics as the analysis API sends them, and the few questions the dashboard asks of
// them: which line is being sung at a moment, which word, and what to say when there are none.
import type { components } from "@/lib/api/schema.gen";

type Schemas = components["schemas"];

export type Lyrics = Schemas["LyricsPublic"];
export type LyricLine = Schemas["LyricSegmentPublic"];
export type LyricsStatus = Schemas["AnalysisPublic"]["lyrics_status"];

export interface LyricsInfo {
  lyrics: Lyrics | null;
  status: LyricsStatus;
  warnings: string[];
}

/** The lyrics part of an analysis answer. */
export function lyricsOf(analysis: Pick<Schemas["AnalysisPublic"], "lyrics" | "lyrics_status" | "warnings">): LyricsInfo {
  return { lyrics: analysis.lyrics ?? null, status: analysis.lyrics_status, warnings: analysis.warnings ?? [] };
}

/** Index of the line sung at `t` (the latest one to start when lines overlap), or -1. */
export function lineAt(lines: readonly { start: number; end: number }[], t: number): number {
  let found = -1;
  lines.forEach((line, i) => {
    if (line.start <= t && t < line.end) found = i;
  });
  return found;
}

/** Index of the word sung at `t` within a line, or -1 (words the service could not place never are). */
export function wordAt(line: LyricLine, t: number): number {
  return line.words.findIndex((w) => w.start != null && w.end != null && w.start <= t && t < Math.max(w.end, w.start + 0.05));
}

/** What to show instead of lines, or null when there are lines to show. */
export function lyricsNote(info: LyricsInfo): string | null {
  switch (info.status) {
    case "transcribed":
      return info.lyrics && info.lyrics.segments.length > 0 ? null : "Instrumental — no sung words were heard.";
    case "instrumental":
      return "Instrumental — no sung words were heard.";
    case "failed":
      return info.warnings[0] ?? "The lyrics could not be transcribed; analyse again to retry them.";
    case "not_transcribed":
      return "The lyrics have not been transcribed yet: analyse the song again to transcribe them.";
    default:
      return "Instrumental — no transcription provider configured.";
  }
}
