"use client";

import { Loader2, MonitorPlay, RotateCcw, Settings, Upload } from "lucide-react";
import Link from "next/link";
import { useEffect, useId, useState } from "react";

import { Notice } from "@/components/shell/notice";
import { VideoUploadDialog } from "@/components/youtube/video-upload-dialog";
import { UploadWarnings } from "@/components/youtube/youtube-panel";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Progress } from "@/components/ui/progress";
import { api } from "@/lib/api/client";
import { humanize } from "@/lib/format";
import { usePoll } from "@/lib/use-poll";
import { type VideoUploadState, uploadBlocked, uploadSummary } from "@/lib/video-publish";
import { PRIVACY_LABEL, type YouTubeConnection } from "@/lib/youtube";

/** The upload runs inside its POST on the server; meanwhile its state is read this often. */
const UPLOAD_POLL_MS = 1500;

/**
 * Publish a composed or finalized video (music video or ad) to the connected channel: the
 * button that opens the upload dialog (or the reason it cannot), and where the upload stands —
 * the percent while it runs, the link once it is up, the error and a retry when it stopped.
 */
export function YouTubePublish({
  videoId,
  videoStatus,
  youtube,
}: {
  videoId: string;
  videoStatus: string;
  youtube: YouTubeConnection | null;
}) {
  const ids = useId();
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<VideoUploadState | null>(null);
  const summary = uploadSummary(state);
  const blocked = uploadBlocked(youtube, videoStatus);
  // A connection problem is fixed in Settings; an unfinished video, on this page.
  const settingsFix = blocked !== null && youtube !== null && (videoStatus === "composed" || videoStatus === "finalized");

  useEffect(() => {
    const controller = new AbortController();
    api
      .GET("/api/videos/{video_id}/upload", { params: { path: { video_id: videoId } }, signal: controller.signal })
      .then((r) => !controller.signal.aborted && r.data && setState(r.data))
      .catch(() => undefined); // no state read: the button still works, and its answer brings one
    return () => controller.abort();
  }, [videoId]);

  // While the dialog is open (an upload may start from it) or one is running, follow it.
  usePoll(
    async (signal) => (await api.GET("/api/videos/{video_id}/upload", { params: { path: { video_id: videoId } }, signal })).data,
    setState,
    { enabled: open || summary.kind === "uploading", key: videoId, intervalMs: UPLOAD_POLL_MS },
  );

  const privacy =
    summary.kind === "uploaded" && summary.privacy
      ? (PRIVACY_LABEL[summary.privacy as keyof typeof PRIVACY_LABEL] ?? humanize(summary.privacy))
      : null;

  return (
    <div className="grid grid-cols-1 gap-2" data-testid="youtube-publish" data-upload={summary.kind}>
      <h3 className="text-sm font-medium">YouTube</h3>
      {summary.kind === "uploaded" && (
        <div className="flex flex-wrap items-center gap-2">
          {summary.url && (
            <Button asChild variant="outline">
              <a href={summary.url} target="_blank" rel="noopener noreferrer" data-testid="youtube-link">
                <MonitorPlay aria-hidden /> Watch on YouTube
                {summary.videoId && <span className="font-mono text-xs text-muted-foreground">{summary.videoId}</span>}
              </a>
            </Button>
          )}
          {privacy && (
            <Badge variant={privacy === "Private" ? "outline" : "published"} data-testid="youtube-privacy">
              {privacy}
            </Badge>
          )}
        </div>
      )}
      {summary.kind === "uploaded" && <UploadWarnings warnings={summary.warnings} />}
      {summary.kind === "uploading" && (
        <div className="grid max-w-md gap-1.5" data-testid="youtube-uploading">
          <div className="flex items-baseline justify-between gap-3 text-sm">
            <span aria-live="polite">{humanize(summary.stage)}</span>
            <span className="font-mono text-xs text-muted-foreground tabular-nums">
              {summary.percent !== null ? `${summary.percent}%` : "starting…"}
            </span>
          </div>
          <Progress value={summary.percent} label="Uploading to YouTube" live />
        </div>
      )}
      {summary.kind === "failed" && (
        <Notice tone="error" title="The upload stopped">
          <span data-testid="youtube-failed">
            {summary.message} {summary.retryable ? "Retry continues it from where YouTube stopped." : "It can be sent again."}
          </span>
        </Notice>
      )}
      {summary.kind !== "uploaded" && (
        <div className="flex flex-wrap items-center gap-2">
          <Button
            type="button"
            variant={summary.kind === "failed" ? "default" : "outline"}
            disabled={blocked !== null || summary.kind === "uploading"}
            aria-describedby={blocked ? `${ids}-why` : undefined}
            onClick={() => setOpen(true)}
            data-testid="youtube-upload"
          >
            {summary.kind === "uploading" ? (
              <Loader2 className="animate-spin" aria-hidden />
            ) : summary.kind === "failed" ? (
              <RotateCcw aria-hidden />
            ) : (
              <Upload aria-hidden />
            )}
            {summary.kind === "uploading" ? "Uploading…" : summary.kind === "failed" ? "Retry the upload" : "Upload to YouTube"}
          </Button>
          {blocked && (
            <p id={`${ids}-why`} className="flex items-center gap-2 text-sm text-muted-foreground" data-testid="youtube-blocked">
              {blocked}
              {settingsFix && (
                <Link href="/settings" className="inline-flex items-center gap-1 underline underline-offset-2 hover:text-foreground">
                  <Settings className="size-3.5" aria-hidden /> Settings
                </Link>
              )}
            </p>
          )}
        </div>
      )}
      <VideoUploadDialog
        open={open}
        onOpenChange={setOpen}
        videoId={videoId}
        channel={youtube?.channel ?? null}
        state={state}
        onUploaded={setState}
      />
    </div>
  );
}
