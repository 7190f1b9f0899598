"use client";

import { Loader2, MonitorPlay, PencilLine, RotateCcw, Settings, Upload } from "lucide-react";
import Link from "next/link";
import { useState } from "react";

import { Notice } from "@/components/shell/notice";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { Track, UploadRequest } from "@/lib/api/types";
import { humanize } from "@/lib/format";
import { PRIVACY_LABEL, type YouTubeConnection } from "@/lib/youtube";

import { UploadDialog } from "./upload-dialog";

/** Should the track page show the YouTube card for this track? */
export function showsYouTube(track: Pick<Track, "status" | "failed_stage" | "youtube_url">): boolean {
  return (
    track.status === "rendered" ||
    track.status === "uploading" ||
    track.status === "uploaded" ||
    !!track.youtube_url ||
    (track.status === "failed" && track.failed_stage === "upload")
  );
}

function privacyLabel(privacy: string | null | undefined): string | null {
  if (!privacy) return null;
  return PRIVACY_LABEL[privacy as keyof typeof PRIVACY_LABEL] ?? humanize(privacy);
}

/** The warnings an upload finished with (forced private, thumbnail refused, …). */
export function UploadWarnings({ warnings }: { warnings: readonly string[] | undefined }) {
  if (!warnings?.length) return null;
  return (
    <ul className="grid gap-2" aria-label="Upload warnings" data-testid="upload-warnings">
      {warnings.map((warning) => (
        <li key={warning}>
          <Notice tone="warning">{warning}</Notice>
        </li>
      ))}
    </ul>
  );
}

/**
 * The track's YouTube side: upload a rendered video (the dialog), follow a running upload,
 * watch the published one (with its visibility and any warnings), or continue a failed one.
 */
export function YouTubePanel({
  track,
  youtube,
  pending,
  onUpload,
  onRetry,
}: {
  track: Track;
  youtube: YouTubeConnection | null;
  pending: string | null;
  onUpload: (request: UploadRequest) => Promise<Track>;
  onRetry: () => void;
}) {
  const [open, setOpen] = useState(false);
  const ready = !youtube || (youtube.connected && !youtube.needsReconnect);
  const uploading = pending === "upload" || track.status === "uploading";
  const failedUpload = track.status === "failed" && track.failed_stage === "upload";
  const privacy = privacyLabel(track.youtube_privacy);

  const connectHint = youtube && !ready && (
    <Notice
      tone="info"
      title={
        !youtube.configured
          ? "YouTube is not set up on this studio"
          : youtube.needsReconnect
            ? "YouTube needs you to reconnect"
            : "No YouTube channel connected"
      }
      action={
        <Button asChild size="sm" variant="outline">
          <Link href="/settings">
            <Settings aria-hidden /> Settings
          </Link>
        </Button>
      }
    >
      {youtube.configured ? "Connect a channel in Settings to upload." : "Settings explains what to configure."}
    </Notice>
  );

  return (
    <Card data-testid="youtube-panel">
      <CardHeader>
        <CardTitle>YouTube</CardTitle>
        <CardDescription>
          {track.youtube_url
            ? "Published on your channel."
            : youtube?.channel
              ? `Publish to ${youtube.channel}.`
              : "Publish the video to your channel."}
        </CardDescription>
        {privacy && (
          <CardAction>
            <Badge variant={privacy === "Private" ? "outline" : "published"} data-testid="youtube-privacy">
              {privacy}
            </Badge>
          </CardAction>
        )}
      </CardHeader>
      <CardContent className="grid gap-3">
        {track.youtube_url ? (
          <>
            <Button asChild variant="outline" className="w-full justify-start">
              <a href={track.youtube_url} target="_blank" rel="noopener noreferrer" data-testid="youtube-link">
                <MonitorPlay aria-hidden className="text-status-failed" /> Watch on YouTube
                <span className="ml-auto truncate font-mono text-xs text-muted-foreground">{track.youtube_video_id}</span>
              </a>
            </Button>
            <UploadWarnings warnings={track.upload_warnings} />
          </>
        ) : failedUpload ? (
          <>
            <p className="text-sm text-muted-foreground">
              The upload stopped. Retry continues where it stopped; YouTube keeps what it already received.
            </p>
            <div className="flex flex-wrap gap-2">
              <Button onClick={onRetry} disabled={pending !== null || !ready}>
                {pending === "retry" ? <Loader2 className="animate-spin" aria-hidden /> : <RotateCcw aria-hidden />}
                Retry upload
              </Button>
              <Button variant="outline" onClick={() => setOpen(true)} disabled={pending !== null || !ready}>
                <PencilLine aria-hidden /> Change details
              </Button>
            </div>
            {connectHint}
          </>
        ) : (
          <>
            <Button
              size="lg"
              onClick={() => setOpen(true)}
              disabled={!ready || pending !== null || track.status === "uploading"}
            >
              {uploading ? <Loader2 className="animate-spin" aria-hidden /> : <Upload aria-hidden />}
              {uploading ? "Uploading…" : "Upload to YouTube"}
            </Button>
            {connectHint}
          </>
        )}
      </CardContent>
      <UploadDialog
        open={open}
        onOpenChange={setOpen}
        track={track}
        channel={youtube?.channel ?? null}
        uploading={uploading}
        onUpload={onUpload}
      />
    </Card>
  );
}
