"use client";

import { AlertCircle, CheckCircle2, ChevronRight, Clock, Loader2, RotateCcw, Timer } from "lucide-react";
import Link from "next/link";

import { Notice } from "@/components/shell/notice";
import { Cover } from "@/components/tracks/cover";
import { YouTubeLink } from "@/components/tracks/track-row";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Progress } from "@/components/ui/progress";
import type { Batch, BatchItem, BatchItemStatus } from "@/lib/api/types";
import { ITEM_STATUS_LABEL, batchPercent, isItemRunning } from "@/lib/batch";
import { clampPercent, formatDuration, formatEta, humanize } from "@/lib/format";
import { PRIVACY_LABEL } from "@/lib/youtube";
import { cn } from "@/lib/utils";

import type { BatchPending } from "./use-batch-run";

const ITEM_TONE: Record<BatchItemStatus, "outline" | "busy" | "done" | "failed"> = {
  pending: "outline",
  generating: "busy",
  rendering: "busy",
  uploading: "busy",
  success: "done",
  failed: "failed",
};

export function ItemBadge({ status, className }: { status: BatchItemStatus; className?: string }) {
  const running = isItemRunning(status);
  return (
    <Badge
      variant={ITEM_TONE[status]}
      className={cn(status === "pending" && "text-muted-foreground", "backdrop-blur", className)}
      data-testid="batch-item-status"
    >
      {running && <span aria-hidden className="size-1.5 animate-breathe rounded-full bg-current" />}
      {status === "success" && <CheckCircle2 aria-hidden />}
      {status === "failed" && <AlertCircle aria-hidden />}
      {ITEM_STATUS_LABEL[status]}
    </Badge>
  );
}

/** What a batch makes, in words: "3 tracks · 2:00 each · with video · to YouTube (private)". */
export function batchRecipe(batch: Pick<Batch, "total" | "duration_seconds" | "render" | "upload">): string {
  const parts = [
    `${batch.total} ${batch.total === 1 ? "track" : "tracks"}`,
    `${formatDuration(batch.duration_seconds)} each`,
  ];
  if (batch.upload) parts.push(`video, to YouTube (${PRIVACY_LABEL[batch.upload.privacy].toLowerCase()})`);
  else if (batch.render) parts.push("with video");
  return parts.join(" · ");
}

function ItemRow({ item }: { item: BatchItem }) {
  const running = isItemRunning(item.status);
  const track = item.track;
  const stage = humanize(item.stage) || `${ITEM_STATUS_LABEL[item.status]}…`;
  const percent = clampPercent(item.progress);
  // Once an item has a track, the whole row opens it (a failed one too: its page can retry).
  const linked = !!track && !running;
  return (
    <li
      className={cn("group relative rounded-xl border bg-background/20 transition-colors", linked && "hover:bg-accent/40")}
      data-testid="batch-item"
      data-status={item.status}
      data-position={item.position}
    >
      <div className="flex gap-3 p-2.5 sm:gap-4">
        <Cover src={track?.image_url ?? null} alt="" className="w-20 shrink-0 self-start rounded-md sm:w-28">
          <span className="absolute top-1 left-1 grid size-5 place-items-center rounded-full bg-background/80 font-mono text-[10px] tabular-nums">
            {item.position}
          </span>
        </Cover>
        <div className="grid min-w-0 flex-1 content-start gap-1.5">
          <div className="flex items-start justify-between gap-3">
            {linked ? (
              <Link
                href={`/tracks/${track.id}`}
                className="line-clamp-2 text-sm leading-snug font-medium outline-none after:absolute after:inset-0 after:rounded-xl focus-visible:after:ring-[3px] focus-visible:after:ring-ring"
                data-testid="batch-item-link"
              >
                {item.prompt}
              </Link>
            ) : (
              <p className="line-clamp-2 text-sm leading-snug font-medium">{item.prompt}</p>
            )}
            <ItemBadge status={item.status} className="max-sm:hidden" />
          </div>

          {running && (
            <div className="grid gap-1.5" data-testid="batch-item-progress">
              <div className="flex items-baseline justify-between gap-3 text-xs">
                <span className="truncate text-foreground/90" data-testid="batch-item-stage">
                  {stage}
                </span>
                <span className="shrink-0 font-mono text-muted-foreground tabular-nums">
                  {percent > 0 ? `${percent}%` : "starting…"}
                  {item.elapsed_seconds != null && ` · ${formatDuration(item.elapsed_seconds)}`}
                </span>
              </div>
              <Progress value={item.progress} label={`Item ${item.position}: ${stage}`} live />
            </div>
          )}

          {item.status === "failed" && (
            <p className="text-xs text-destructive" data-testid="batch-item-error">
              {item.error_message ?? "This item failed."}
            </p>
          )}

          <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground">
            <ItemBadge status={item.status} className="sm:hidden" />
            {item.status === "pending" && <span>Waits for the items before it</span>}
            {!running && item.elapsed_seconds != null && (
              <span className="inline-flex items-center gap-1 font-mono tabular-nums">
                <Timer className="size-3" aria-hidden />
                {item.status === "failed" ? "stopped after" : "took"} {formatDuration(item.elapsed_seconds)}
              </span>
            )}
            {track?.youtube_url && <YouTubeLink href={track.youtube_url} />}
            {track?.upload_warnings?.length ? (
              <span className="text-warning" title={track.upload_warnings.join("\n")}>
                {track.upload_warnings.length === 1 ? "1 upload warning" : `${track.upload_warnings.length} upload warnings`}
              </span>
            ) : null}
          </p>
        </div>
        {linked && <ChevronRight className="size-4 shrink-0 self-center text-muted-foreground" aria-hidden />}
      </div>
    </li>
  );
}

/**
 * A batch as it runs and after: overall progress and time left, then every item with its
 * live stage and percent, its cover and link when made, its error when not, and the way to
 * run the failed ones again.
 */
export function BatchView({
  batch,
  pending,
  detached = false,
  onRetry,
}: {
  batch: Batch;
  pending: BatchPending;
  detached?: boolean;
  onRetry?: () => void;
}) {
  const processing = batch.status === "processing";
  const percent = batchPercent(batch);
  const canRetry = !processing && batch.failed > 0 && onRetry;
  return (
    <section className="grid gap-5" aria-label="Batch progress" data-testid="batch-view" data-status={batch.status}>
      <div className="grid gap-3">
        <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
          <p className="text-sm text-muted-foreground">{batchRecipe(batch)}</p>
          {processing ? (
            <Badge variant="busy">
              <span aria-hidden className="size-1.5 animate-breathe rounded-full bg-current" />
              {pending === "retry" ? "Retrying failed items" : "Processing"}
            </Badge>
          ) : batch.failed > 0 ? (
            <Badge variant="failed">
              <AlertCircle aria-hidden /> Finished with {batch.failed} failed
            </Badge>
          ) : (
            <Badge variant="done">
              <CheckCircle2 aria-hidden /> Finished
            </Badge>
          )}
        </div>

        {processing && (
          <div className="grid gap-2" data-testid="batch-overall">
            <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 text-sm">
              <span>
                <span className="font-medium tabular-nums">{batch.items.filter((i) => i.status === "success" || i.status === "failed").length}</span>{" "}
                of {batch.total} done
              </span>
              <span className="inline-flex items-center gap-3 font-mono text-xs text-muted-foreground tabular-nums">
                <span className="inline-flex items-center gap-1" title="Elapsed">
                  <Clock className="size-3" aria-hidden /> {formatDuration(batch.elapsed_seconds)}
                </span>
                <span data-testid="batch-eta">{formatEta(batch.eta_seconds)}</span>
              </span>
            </div>
            <Progress value={percent} label="Whole batch" live />
          </div>
        )}

        {!processing && (
          <dl className="grid grid-cols-3 gap-2 text-center sm:max-w-md" data-testid="batch-totals">
            {[
              { label: "Made", value: batch.successful, tone: "text-status-done" },
              { label: "Failed", value: batch.failed, tone: batch.failed > 0 ? "text-status-failed" : "" },
              { label: "Took", value: formatDuration(batch.elapsed_seconds), tone: "" },
            ].map(({ label, value, tone }) => (
              <div key={label} className="rounded-lg border bg-background/20 px-3 py-2">
                <dt className="text-xs text-muted-foreground">{label}</dt>
                <dd className={cn("font-mono text-lg font-medium tabular-nums", tone)}>{value}</dd>
              </div>
            ))}
          </dl>
        )}

        {detached && processing && (
          <Notice tone="info" title="Following the batch on the server">
            The connection to the long request dropped, but the studio keeps working through the batch; this page
            follows it.
          </Notice>
        )}
      </div>

      <ol className="grid gap-2" aria-label="Batch items">
        {batch.items.map((item) => (
          <ItemRow key={item.id} item={item} />
        ))}
      </ol>

      {canRetry && (
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-destructive/30 bg-destructive/5 p-3">
          <p className="text-sm text-muted-foreground">
            Retry runs only the failed {batch.failed === 1 ? "item" : "items"} again, each from the step where it stopped.
          </p>
          <Button variant="outline" onClick={onRetry} disabled={pending !== null}>
            {pending === "retry" ? <Loader2 className="animate-spin" aria-hidden /> : <RotateCcw aria-hidden />}
            Retry failed ({batch.failed})
          </Button>
        </div>
      )}
    </section>
  );
}
