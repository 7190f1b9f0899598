import type * as React from "react";

import { clampPercent } from "@/lib/format";
import { cn } from "@/lib/utils";

interface ProgressProps extends React.ComponentProps<"div"> {
  /** 0–100; null shows an indeterminate bar (a step that has not reported yet). */
  value: number | null;
  label?: string;
  tone?: "default" | "warning";
  /** Sweep a light across the bar: for work that is running right now. */
  live?: boolean;
}

/**
 * A progress bar that never looks frozen while work runs: a light sweeps across it, and an
 * unknown value shows a travelling band instead of a stuck 0 %.
 */
function Progress({ value, label, tone = "default", live = false, className, ...props }: ProgressProps) {
  const percent = clampPercent(value);
  // A running step that has not moved yet reads as "working", not as a bar stuck at 0 %.
  const known = value !== null && !(live && percent === 0);
  const fill =
    tone === "warning" ? "from-warning/70 to-warning" : "from-primary/60 via-primary to-haze";
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={known ? percent : undefined}
      data-slot="progress"
      className={cn("relative h-1.5 w-full overflow-hidden rounded-full bg-muted", className)}
      {...props}
    >
      {/* Keyed apart: reusing the band's node for the fill would animate its width from 40 %. */}
      {known ? (
        <div
          key="fill"
          className={cn("h-full rounded-full bg-gradient-to-r transition-[width] duration-700 ease-out", fill)}
          style={{ width: `${percent}%` }}
        />
      ) : (
        <div key="band" className={cn("absolute inset-y-0 left-0 w-2/5 animate-shimmer rounded-full bg-gradient-to-r", fill)} />
      )}
      {live && known && (
        <div
          aria-hidden
          className="pointer-events-none absolute inset-y-0 left-0 w-2/5 animate-shimmer bg-gradient-to-r from-transparent via-white/30 to-transparent"
        />
      )}
    </div>
  );
}

export { Progress };
