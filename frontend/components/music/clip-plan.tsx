import { spanStyle } from "@/lib/music-timeline";
import type { Clip } from "@/lib/music-types";
import { cn } from "@/lib/utils";

const TINTS = ["bg-primary/25 border-primary/50", "bg-haze/25 border-haze/50"];

/**
 * The clip plan under the sections: one block per clip, as long as it lasts, with its length
 * in seconds. The section's label goes on its first clip only: a song cut into thirty clips
 * leaves each block room for little more than its number.
 */
export function ClipPlan({ clips, duration }: { clips: readonly Clip[]; duration: number }) {
  if (clips.length === 0) return null;
  return (
    <ol className="relative h-11" aria-label={`Clip plan: ${clips.length} clips`} data-testid="clip-plan">
      {clips.map((clip, i) => {
        const first = clips[i - 1]?.section_index !== clip.section_index;
        return (
          <li
            key={clip.index}
            data-testid="clip-block"
            title={`Clip ${clip.index + 1}: ${clip.section_label}, ${clip.duration.toFixed(1)} s`}
            className={cn(
              "absolute inset-y-0 flex flex-col justify-center overflow-hidden rounded border px-0.5 text-[10px] leading-tight",
              TINTS[clip.section_index % 2],
            )}
            style={spanStyle(clip, duration)}
          >
            <span className="sr-only">
              Clip {clip.index + 1}, {clip.section_label}, from {clip.start.toFixed(1)} s, lasting
            </span>
            <span className="truncate font-medium" aria-hidden>
              {first ? clip.section_label : "\u00a0"}
            </span>
            <span className="truncate font-mono tabular-nums">
              {clip.duration.toFixed(1)}
              <span aria-hidden>s</span>
              <span className="sr-only"> seconds</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
