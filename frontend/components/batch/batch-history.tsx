import { ChevronRight, Layers } from "lucide-react";
import Link from "next/link";

import { EmptyState, PanelError } from "@/components/shell/panel-state";
import { Badge } from "@/components/ui/badge";
import { Skeleton } from "@/components/ui/skeleton";
import { attempt, getBatches } from "@/lib/api/queries";
import type { BatchSummary } from "@/lib/api/types";
import { formatDateTime, formatDuration, formatRelative } from "@/lib/format";

export function BatchStatusBadge({ batch }: { batch: Pick<BatchSummary, "status" | "failed"> }) {
  if (batch.status === "processing") {
    return (
      <Badge variant="busy">
        <span aria-hidden className="size-1.5 animate-breathe rounded-full bg-current" />
        Processing
      </Badge>
    );
  }
  return batch.failed > 0 ? <Badge variant="failed">{batch.failed} failed</Badge> : <Badge variant="done">Finished</Badge>;
}

function BatchRow({ batch }: { batch: BatchSummary }) {
  return (
    <li className="group relative" data-testid="batch-row" data-batch-id={batch.id}>
      <div className="flex items-center gap-3 rounded-xl border border-transparent p-3 transition-colors group-hover:border-border group-hover:bg-accent/40 sm:gap-4">
        <span className="grid size-10 shrink-0 place-items-center rounded-lg bg-gradient-to-br from-primary/15 to-haze/15 font-mono text-sm tabular-nums">
          {batch.total}
        </span>
        <div className="min-w-0 flex-1">
          <Link
            href={`/batch/${batch.id}`}
            className="text-sm font-medium outline-none after:absolute after:inset-0 after:rounded-xl focus-visible:after:ring-[3px] focus-visible:after:ring-ring"
          >
            {batch.total} {batch.total === 1 ? "track" : "tracks"} · {formatDuration(batch.duration_seconds)} each
          </Link>
          <p className="mt-1 flex flex-wrap gap-x-3 gap-y-1 text-xs text-muted-foreground">
            <time dateTime={batch.created_at} title={formatDateTime(batch.created_at)}>
              {formatRelative(batch.created_at)}
            </time>
            <span className="tabular-nums">
              {batch.successful} made{batch.failed > 0 && ` · ${batch.failed} failed`}
            </span>
          </p>
        </div>
        <BatchStatusBadge batch={batch} />
        <ChevronRight className="size-4 shrink-0 text-muted-foreground" aria-hidden />
      </div>
    </li>
  );
}

/** The 20 most recent batches, newest first; each opens its own page. */
export async function BatchHistory() {
  const result = await attempt(getBatches);
  if (!result.ok) return <PanelError title="Past batches are unavailable" message={result.message} />;
  if (result.data.length === 0) {
    return (
      <EmptyState
        icon={Layers}
        title="No batches yet"
        description="Batches you start land here, with every track they made and anything that failed."
      />
    );
  }
  return (
    <ul className="grid gap-1" aria-label="Past batches" data-testid="batch-history">
      {result.data.map((batch) => (
        <BatchRow key={batch.id} batch={batch} />
      ))}
    </ul>
  );
}

export function BatchHistorySkeleton() {
  return (
    <ul className="grid gap-1" aria-busy="true" aria-label="Loading batches">
      {Array.from({ length: 3 }, (_, i) => (
        <li key={i} className="flex items-center gap-3 p-3">
          <Skeleton className="size-10 rounded-lg" />
          <div className="grid flex-1 gap-2">
            <Skeleton className="h-4 w-48" />
            <Skeleton className="h-3 w-28" />
          </div>
        </li>
      ))}
    </ul>
  );
}
