import { AlertTriangle, Check, Loader2, RotateCcw } from "lucide-react";

import { formatTime } from "@/lib/music-timeline";
import type { ProductionClip } from "@/lib/video-types";
import { cn } from "@/lib/utils";

const STATE = {
  ready: { label: "ready", icon: Check, tone: "border-status-ready/40 bg-status-ready/10" },
  failed: { label: "failed", icon: AlertTriangle, tone: "border-status-failed/50 bg-status-failed/10" },
  planned: { label: "waiting", icon: null, tone: "border-dashed bg-muted/30" },
} as const;

function stateOf(clip: ProductionClip): keyof typeof STATE {
  return clip.status === "ready" || clip.status === "failed" ? clip.status : "planned";
}

/**
 * One tile per clip, filling in as clips arrive: ready, failed (with the provider's error),
 * or waiting (a spinner while a render runs). A regenerated clip is marked as such.
 */
export function ClipTiles({ clips, running }: { clips: readonly ProductionClip[]; running: boolean }) {
  if (clips.length === 0) return null;
  const ready = clips.filter((c) => c.status === "ready").length;
  return (
    <div className="grid grid-cols-1 gap-2">
      <p className="text-sm text-muted-foreground" data-testid="clip-count">
        {ready} of {clips.length} clips ready
      </p>
      <ol className="grid grid-cols-[repeat(auto-fill,minmax(7.5rem,1fr))] gap-2" aria-label="Clips" data-testid="clip-tiles">
        {clips.map((clip) => {
          const state = stateOf(clip);
          const { icon: Icon, tone, label } = STATE[state];
          return (
            <li
              key={clip.index}
              data-testid="clip-tile"
              data-status={state}
              className={cn("grid content-start gap-0.5 rounded-lg border p-2 text-xs", tone)}
            >
              <span className="flex items-center gap-1 font-medium">
                {Icon ? (
                  <Icon className="size-3.5" aria-hidden />
                ) : running ? (
                  <Loader2 className="size-3.5 animate-spin" aria-hidden />
                ) : null}
                Clip {clip.index + 1}
                <span className="sr-only">: {label}</span>
                {clip.regenerated && (
                  <span className="ml-auto" title="Regenerated">
                    <RotateCcw className="size-3.5 text-muted-foreground" aria-hidden />
                    <span className="sr-only">, regenerated</span>
                  </span>
                )}
              </span>
              <span className="truncate text-muted-foreground">
                {clip.section_label} · {formatTime(clip.start)}
              </span>
              {state === "failed" && clip.error && (
                <span className="line-clamp-3 text-status-failed" title={clip.error}>
                  {clip.error}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
