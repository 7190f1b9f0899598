import { Clock, MonitorPlay } from "lucide-react";
import Link from "next/link";

import { Skeleton } from "@/components/ui/skeleton";
import type { Track } from "@/lib/api/types";
import { formatDateTime, formatDuration, formatRelative } from "@/lib/format";
import { cn } from "@/lib/utils";

import { Cover } from "./cover";
import { LiveStatus } from "./live-status";

/** One track in a list: cover, prompt, length, age and live status; the whole row links to it. */
export function TrackRow({ track, className }: { track: Track; className?: string }) {
  return (
    <li className={cn("group relative", className)} data-testid="track-row" data-track-id={track.id}>
      <div className="flex items-center gap-3 rounded-xl border border-transparent p-2 transition-colors group-hover:border-border group-hover:bg-accent/40 sm:gap-4">
        <Cover src={track.image_url} alt="" className="w-24 shrink-0 rounded-md sm:w-32" />
        <div className="min-w-0 flex-1">
          <Link
            href={`/tracks/${track.id}`}
            className="line-clamp-2 text-sm leading-snug font-medium outline-none after:absolute after:inset-0 after:rounded-xl focus-visible:after:ring-[3px] focus-visible:after:ring-ring"
          >
            {track.prompt}
          </Link>
          <p className="mt-1.5 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground">
            <span className="inline-flex items-center gap-1 font-mono tabular-nums">
              <Clock className="size-3" aria-hidden />
              {formatDuration(track.duration)}
            </span>
            <time dateTime={track.created_at} title={formatDateTime(track.created_at)}>
              {formatRelative(track.created_at)}
            </time>
            {track.youtube_url && <YouTubeLink href={track.youtube_url} />}
          </p>
        </div>
        {/* Clicks pass through to the row's stretched link. On a phone the badge sits on the cover. */}
        <LiveStatus
          track={track}
          className="pointer-events-none absolute top-3.5 left-3.5 shrink-0 sm:static max-sm:bg-background/80 max-sm:px-1.5 max-sm:text-[10px]"
        />
      </div>
    </li>
  );
}

/** "YouTube ↗" that sits above a row's stretched link, so it opens the video, not the track. */
export function YouTubeLink({ href, className }: { href: string; className?: string }) {
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      data-testid="youtube-link"
      className={cn(
        "relative z-10 inline-flex items-center gap-1 rounded text-status-failed outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring",
        className,
      )}
    >
      <MonitorPlay className="size-3" aria-hidden />
      YouTube
      <span className="sr-only"> (opens the video)</span>
    </a>
  );
}

export function TrackRowSkeleton() {
  return (
    <li className="flex items-center gap-3 p-2 sm:gap-4">
      <Skeleton className="aspect-video w-24 shrink-0 sm:w-32" />
      <div className="grid flex-1 gap-2">
        <Skeleton className="h-4 w-4/5" />
        <Skeleton className="h-3 w-1/3" />
      </div>
    </li>
  );
}

export function TrackListSkeleton({ rows = 5 }: { rows?: number }) {
  return (
    <ul className="grid gap-1" aria-busy="true" aria-label="Loading tracks">
      {Array.from({ length: rows }, (_, i) => (
        <TrackRowSkeleton key={i} />
      ))}
    </ul>
  );
}
