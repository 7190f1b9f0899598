import { spanStyle } from "@/lib/music-timeline";
import type { Clip } from "@/lib/music-types";
import { cn } from "@/lib/utils";

const TINTS = ["bg-primary/25 border-primary/50", "bg-haze/25 border-haze/50"];

/** The clip plan under the sections: one block per clip, as long as it lasts, with its length. */
export function ClipPlan({ clips, duration }: { clips: readonly Clip[]; duration: number }) {
  if (clips.length === 0) return null;
  return (
    <ol className="relative h-12" aria-label={`Clip plan: ${clips.length} clips`} data-testid="clip-plan">
      {clips.map((clip) => (
        <li
          key={clip.index}
          data-testid="clip-block"
          title={`Clip ${clip.index + 1}: ${clip.section_label}, ${clip.duration.toFixed(1)} s`}
          className={cn(
            "absolute inset-y-0 flex flex-col justify-center overflow-hidden rounded-md border px-1 text-[11px] leading-tight",
            TINTS[clip.section_index % 2],
          )}
          style={spanStyle(clip, duration)}
        >
          <span className="sr-only">
            Clip {clip.index + 1}, {clip.section_label}, from {clip.start.toFixed(1)} s,
          </span>
          <span className="truncate font-medium" aria-hidden>
            {clip.section_label}
          </span>
          <span className="truncate font-mono tabular-nums">{clip.duration.toFixed(1)} s</span>
        </li>
      ))}
    </ol>
  );
}
