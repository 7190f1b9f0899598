import { AlertTriangle } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { Progress } from "@/components/ui/progress";
import { formatUsd, humanize } from "@/lib/format";
import { type ProductionVideo, VIDEO_STATUS_LABEL } from "@/lib/video-types";
import type { StepProgress } from "@/lib/video-live";

/** A running step's stage and bar, as the event stream reports them. */
export function StepBar({ progress, label, fallback }: { progress: StepProgress; label: string; fallback: string }) {
  return (
    <div className="grid grid-cols-1 gap-1.5" data-testid="step-progress">
      <div className="flex items-baseline justify-between gap-3 text-sm">
        <span>{humanize(progress.stage) || fallback}</span>
        {progress.percent !== null && <span className="font-mono text-xs text-muted-foreground tabular-nums">{progress.percent} %</span>}
      </div>
      <Progress value={progress.percent} label={label} live />
    </div>
  );
}

/** What the last call did, or the API's sentence when it refused: read out as it changes. */
export function OutcomeLine({ error, status, testId }: { error: string | null; status: string | null; testId?: string }) {
  return (
    <div aria-live="polite" className="min-h-5 text-sm" data-testid={testId}>
      {error ? (
        <p role="alert" className="flex items-start gap-2 text-destructive">
          <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
          {error}
        </p>
      ) : (
        status && <p className="text-muted-foreground">{status}</p>
      )}
    </div>
  );
}

/**
 * Where a production stands: its status and what it has cost so far (with `children` beside,
 * such as what is still to pay), the warnings it carries, and the last action's outcome.
 */
export function ProductionStatus({
  video,
  outcome,
  children,
}: {
  video: ProductionVideo;
  outcome: { error: string | null; status: string | null };
  children?: React.ReactNode;
}) {
  return (
    <>
      <div className="flex flex-wrap items-center gap-3 text-sm" data-testid="production-status">
        <Badge variant={video.status === "finalized" ? "done" : video.status === "composed" ? "ready" : "secondary"}>
          {VIDEO_STATUS_LABEL[video.status]}
        </Badge>
        <span className="text-muted-foreground" data-testid="video-cost">
          Spent on this video: {formatUsd(video.cost_usd)}
        </span>
        {children}
      </div>
      {video.warnings.length > 0 && (
        <ul className="grid gap-1 rounded-lg border border-warning/40 bg-warning/10 p-3 text-sm" aria-label="Video warnings" data-testid="video-warnings">
          {video.warnings.map((w, i) => (
            <li key={i} className="flex items-start gap-2">
              <AlertTriangle className="mt-0.5 size-4 shrink-0 text-warning" aria-hidden />
              {w}
            </li>
          ))}
        </ul>
      )}
      <OutcomeLine error={outcome.error} status={outcome.status} testId="production-message" />
    </>
  );
}
