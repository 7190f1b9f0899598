import { Progress } from "@/components/ui/progress";
import type { Track } from "@/lib/api/types";
import { clampPercent, humanize } from "@/lib/format";
import { STATUS_LABEL } from "@/lib/track-status";
import { cn } from "@/lib/utils";

/** "Synthesising music · 42 %" over a live bar, for a step that is running now. */
export function StageProgress({
  track,
  className,
  id,
}: {
  track: Pick<Track, "status" | "stage" | "progress">;
  className?: string;
  id?: string;
}) {
  const stage = humanize(track.stage) || `${STATUS_LABEL[track.status]}…`;
  const percent = clampPercent(track.progress);
  return (
    <div id={id} className={cn("grid gap-2", className)} data-testid="stage-progress">
      <div className="flex items-baseline justify-between gap-3 text-sm">
        <span className="truncate text-foreground/90" aria-live="polite">
          {stage}
        </span>
        <span className="font-mono text-xs text-muted-foreground tabular-nums">
          {percent > 0 ? `${percent}%` : "starting…"}
        </span>
      </div>
      <Progress value={track.progress} label={stage} live />
    </div>
  );
}
