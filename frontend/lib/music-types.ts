// Names for the music-video shapes of the API, pointing into the generated schema, and a
// careful reader for the song analysis: the API sends that one as a free-form object (the
// analyser's own JSON), so its fields are checked here rather than trusted.
import type { components } from "@/lib/api/schema.gen";

type Schemas = components["schemas"];

export type Song = Schemas["SongPublic"];
export type SongStatus = Schemas["SongStatus"];
export type AnalysisResponse = Schemas["AnalysisPublic"];
export type Video = Schemas["ProductionVideo"];
export type Section = Schemas["SectionPublic"];
// A planned clip as the section editor draws it; production adds its state (lib/video-types.ts).
export type Clip = Omit<Schemas["ProductionClip"], "scene_index" | "status" | "provider" | "error" | "regenerated">;
export type Grid = Schemas["GridPublic"];
export type SectionEdit = Schemas["SectionEdit"];
export type GridEdit = Schemas["GridEdit"];
export type Aspect = Schemas["VideoCreate"]["aspect"];

export interface AnalysisSection {
  start: number;
  end: number;
  label: string;
}

export interface SongAnalysis {
  duration: number;
  tempo: number | null;
  tempoConfidence: number | null;
  beats: number[];
  downbeats: number[];
  beatsPerBar: number | null;
  sections: AnalysisSection[];
  energy: number[];
  key: string | null;
  keyConfidence: number | null;
  mood: string[];
  genre: string | null;
  loudnessLufs: number | null;
}

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const nums = (v: unknown): number[] => (Array.isArray(v) ? v.filter((x): x is number => num(x) !== null) : []);

function sectionsOf(v: unknown): AnalysisSection[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((s: unknown) => {
    if (typeof s !== "object" || s === null) return [];
    const r = s as Record<string, unknown>;
    const start = num(r.start);
    const end = num(r.end);
    return start === null || end === null ? [] : [{ start, end, label: str(r.label) ?? "?" }];
  });
}

/** The analysis as the pages draw it; anything missing or malformed reads as unknown. */
export function parseAnalysis(raw: Record<string, unknown>, fallbackDuration: number): SongAnalysis {
  return {
    duration: num(raw.duration) ?? fallbackDuration,
    tempo: num(raw.tempo),
    tempoConfidence: num(raw.tempo_confidence),
    beats: nums(raw.beats),
    downbeats: nums(raw.downbeats),
    beatsPerBar: num(raw.beats_per_bar),
    sections: sectionsOf(raw.sections),
    energy: nums(raw.energy),
    key: str(raw.key),
    keyConfidence: num(raw.key_confidence),
    mood: Array.isArray(raw.mood) ? raw.mood.filter((m): m is string => typeof m === "string") : [],
    genre: str(raw.genre),
    loudnessLufs: num(raw.loudness_lufs),
  };
}

export const SONG_STATUS_LABEL: Readonly<Record<SongStatus, string>> = {
  uploaded: "Not analysed",
  analysing: "Analysing",
  analysed: "Analysed",
  failed: "Analysis failed",
};
