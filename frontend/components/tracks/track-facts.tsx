import type { Track } from "@/lib/api/types";
import { formatDateTime, formatDuration } from "@/lib/format";

/** The small print of a track, as a definition list. */
export function TrackFacts({ track }: { track: Track }) {
  const facts: Array<[string, React.ReactNode]> = [
    ["Duration", formatDuration(track.duration)],
    ["Seed", track.seed],
    ["Created", formatDateTime(track.created_at)],
    ["Updated", formatDateTime(track.updated_at)],
  ];
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
      {facts.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-muted-foreground">{term}</dt>
          <dd className="text-right font-mono tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
