import { AlertTriangle } from "lucide-react";

import { Progress } from "@/components/ui/progress";
import { humanize } from "@/lib/format";
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
