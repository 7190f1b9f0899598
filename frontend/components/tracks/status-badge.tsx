import { AlertCircle, CheckCircle2, Clapperboard, Music2, MonitorPlay } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import type { TrackStatus } from "@/lib/api/types";
import { clampPercent } from "@/lib/format";
import { STATUS_LABEL, STATUS_TONE, isBusy } from "@/lib/track-status";
import { cn } from "@/lib/utils";

const ICON = {
  ready: Music2,
  done: Clapperboard,
  published: MonitorPlay,
  failed: AlertCircle,
} as const;

/** Status pill; while a step runs it pulses and shows the percent reached so far. */
export function StatusBadge({
  status,
  progress = null,
  className,
}: {
  status: TrackStatus;
  progress?: number | null;
  className?: string;
}) {
  const tone = STATUS_TONE[status];
  const busy = isBusy(status);
  const Icon = tone === "busy" ? null : (ICON[tone] ?? CheckCircle2);
  return (
    <Badge variant={tone} className={cn("backdrop-blur", className)} data-testid="status-badge" data-status={status}>
      {busy ? (
        <span aria-hidden className="size-1.5 animate-breathe rounded-full bg-current" />
      ) : (
        Icon && <Icon aria-hidden />
      )}
      {STATUS_LABEL[status]}
      {busy && progress !== null && <span className="tabular-nums opacity-80">{clampPercent(progress)}%</span>}
    </Badge>
  );
}
