import { Info } from "lucide-react";

import type { SongAnalysis } from "@/lib/music-types";

function confidence(value: number | null): string {
  return value === null ? "" : ` (${Math.round(value * 100)}% sure)`;
}

/** What the analysis found, as a definition list. */
export function SongFacts({ analysis }: { analysis: SongAnalysis }) {
  const facts: [string, string][] = [
    ["Tempo", analysis.tempo === null ? "unknown" : `${analysis.tempo.toFixed(1)} BPM${confidence(analysis.tempoConfidence)}`],
    ["Meter", analysis.beatsPerBar === null ? "unknown" : `${analysis.beatsPerBar} beats per bar`],
    ["Key", analysis.key ? `${analysis.key}${confidence(analysis.keyConfidence)}` : "unknown"],
    ["Mood", analysis.mood.length > 0 ? analysis.mood.join(", ") : "—"],
    ["Genre", analysis.genre ?? "—"],
    ["Loudness", analysis.loudnessLufs === null ? "silent" : `${analysis.loudnessLufs.toFixed(1)} LUFS`],
  ];
  return (
    <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-sm sm:grid-cols-3" data-testid="song-facts">
      {facts.map(([name, value]) => (
        <div key={name} className="min-w-0">
          <dt className="text-xs text-muted-foreground">{name}</dt>
          <dd className="truncate font-medium">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** "tempo: the beat is not clear; check the grid (…)": the subject, then its suggested fix. */
function splitNote(note: string): { subject: string; advice: string } {
  const at = note.indexOf(":");
  return at > 0 ? { subject: note.slice(0, at), advice: note.slice(at + 1).trim() } : { subject: "", advice: note };
}

/** What the analysis is not sure of, with the fix each note suggests (done in a video's editor). */
export function UnsureNotes({ notes }: { notes: string[] }) {
  if (notes.length === 0) return <p className="text-sm text-muted-foreground">The analysis is confident about this song.</p>;
  return (
    <ul className="grid grid-cols-1 gap-2" aria-label="Unsure" data-testid="unsure-notes">
      {notes.map((note) => {
        const { subject, advice } = splitNote(note);
        return (
          <li key={note} className="flex items-start gap-2 rounded-lg border border-warning/30 bg-warning/5 p-3 text-sm">
            <Info className="mt-0.5 size-4 shrink-0 text-warning" aria-hidden />
            <span>
              {subject && <strong className="font-medium capitalize">{subject}: </strong>}
              {advice}
            </span>
          </li>
        );
      })}
      <li className="text-xs text-muted-foreground">The grid corrections are in a video&apos;s section editor.</li>
    </ul>
  );
}
