"use client";

import { AlertTriangle, ArrowLeft, Clapperboard, Loader2, RotateCcw } from "lucide-react";
import Link from "next/link";

import { ConfirmDelete } from "@/components/shell/confirm-delete";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { YouTubePanel, showsYouTube } from "@/components/youtube/youtube-panel";
import type { Track } from "@/lib/api/types";
import { formatDuration, formatRelative, humanize } from "@/lib/format";
import { mediaSrc } from "@/lib/media";
import { canRender, isBusy } from "@/lib/track-status";
import type { YouTubeConnection } from "@/lib/youtube";

import { AudioPlayer } from "./audio-player";
import { Cover } from "./cover";
import { Downloads } from "./downloads";
import { StageProgress } from "./stage-progress";
import { StatusBadge } from "./status-badge";
import { TrackFacts } from "./track-facts";
import { useTrackActions } from "./use-track-actions";

/** The track page: art or video, the player, the live step, and every action on the track. */
export function TrackWorkspace({ initial, youtube = null }: { initial: Track; youtube?: YouTubeConnection | null }) {
  const { track, pending, reload, render, retry, upload, remove } = useTrackActions(initial);
  const failedUpload = track.status === "failed" && track.failed_stage === "upload";
  const busy = isBusy(track.status) || pending !== null;

  return (
    <div className="grid gap-6">
      <header className="grid gap-3">
        <Link
          href="/history"
          className="inline-flex w-fit items-center gap-1.5 rounded text-sm text-muted-foreground outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring"
        >
          <ArrowLeft className="size-4" aria-hidden /> History
        </Link>
        <h1 className="line-clamp-3 text-xl font-semibold tracking-tight text-balance md:text-2xl">{track.prompt}</h1>
        <div className="flex flex-wrap items-center gap-3 text-sm text-muted-foreground">
          <StatusBadge status={track.status} progress={track.progress} />
          <span className="font-mono tabular-nums">{formatDuration(track.duration)}</span>
          <span>Created {formatRelative(track.created_at)}</span>
        </div>
      </header>

      {isBusy(track.status) && (
        <Card className="py-4">
          <CardContent>
            <StageProgress track={track} />
          </CardContent>
        </Card>
      )}

      {track.status === "failed" && (
        <div role="alert" className="flex flex-wrap items-start gap-3 rounded-xl border border-destructive/35 bg-destructive/10 p-4">
          <AlertTriangle className="mt-0.5 size-5 shrink-0 text-destructive" aria-hidden />
          <div className="min-w-0 flex-1 text-sm">
            <p className="font-medium">{track.failed_stage ? `${humanize(track.failed_stage)} failed` : "This track failed"}</p>
            <p className="mt-0.5 text-muted-foreground" data-testid="track-error">
              {track.error_message ?? "No reason was given."}
            </p>
            {failedUpload && (
              <p className="mt-1 text-xs text-muted-foreground">Retry continues the upload where it stopped.</p>
            )}
          </div>
          <Button onClick={retry} disabled={pending !== null} variant="outline">
            {pending === "retry" ? <Loader2 className="animate-spin" aria-hidden /> : <RotateCcw aria-hidden />}
            {failedUpload ? "Retry upload" : "Retry"}
          </Button>
        </div>
      )}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1.6fr)_minmax(0,1fr)]">
        <div className="grid content-start gap-6">
          <Card className="overflow-hidden p-0">
            {track.video_url ? (
              // A still picture over instrumental music, no speech or lyrics: nothing to caption.
              // eslint-disable-next-line jsx-a11y/media-has-caption
              <video
                key={track.video_url}
                src={mediaSrc(track.video_url)}
                poster={mediaSrc(track.image_url) ?? undefined}
                controls
                playsInline
                preload="metadata"
                data-testid="track-video"
                className="aspect-video w-full bg-black"
                onError={reload}
              />
            ) : (
              <Cover src={track.image_url} alt={`Cover art for: ${track.prompt}`} className="rounded-none" />
            )}
          </Card>
          {track.music_url && (
            <Card>
              <CardContent>
                <AudioPlayer
                  key={track.music_url}
                  trackId={track.id}
                  src={track.music_url}
                  fallbackDuration={track.duration}
                  onExpired={reload}
                />
              </CardContent>
            </Card>
          )}
        </div>

        <div className="grid content-start gap-6">
          <Card>
            <CardHeader>
              <CardTitle>{track.video_url ? "Files" : "Video"}</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-4">
              {canRender(track) || pending === "render" ? (
                <>
                  <p className="text-sm text-muted-foreground">
                    Render a 1080p video from the cover art and the music, with a gentle fade in and out.
                  </p>
                  <Button onClick={render} disabled={busy} size="lg">
                    {pending === "render" ? <Loader2 className="animate-spin" aria-hidden /> : <Clapperboard aria-hidden />}
                    {pending === "render" ? "Rendering…" : "Render video"}
                  </Button>
                </>
              ) : (
                !track.video_url && (
                  <p className="text-sm text-muted-foreground">Available once the music and cover art are generated.</p>
                )
              )}
              <Downloads track={track} />
            </CardContent>
          </Card>
          {showsYouTube(track) && (
            <YouTubePanel track={track} youtube={youtube} pending={pending} onUpload={upload} onRetry={retry} />
          )}
          <Card>
            <CardHeader>
              <CardTitle>Details</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-4">
              <p className="text-sm leading-relaxed text-muted-foreground">{track.prompt}</p>
              <TrackFacts track={track} />
              <div className="border-t pt-3">
                <ConfirmDelete
                  title="Delete this track?"
                  description="The music, cover art and video are removed from the studio. This cannot be undone."
                  confirmLabel="Delete track"
                  disabled={busy}
                  remove={remove}
                />
              </div>
            </CardContent>
          </Card>
        </div>
      </div>
    </div>
  );
}
