"use client";

import { Copy, Download, Link2, Link2Off, Loader2, Lock } from "lucide-react";
import { useId, useState } from "react";

import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { formatBytes, formatDuration } from "@/lib/format";
import { mediaSrc } from "@/lib/media";
import { useHydrated } from "@/lib/use-hydrated";
import type { YouTubeConnection } from "@/lib/youtube";

import type { Production } from "./use-production";
import { YouTubePublish } from "./youtube-publish";

/** Finalize (behind a confirmation), the share link (copy, revoke), the download and the YouTube upload. */
export function FinishPanel({ production, youtube = null }: { production: Production; youtube?: YouTubeConnection | null }) {
  const { video, busy } = production;
  const ids = useId();
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);
  const hydrated = useHydrated(); // the page's own address is known in the browser only
  const output = video.output;
  if (!output) return null;
  const frozen = video.status === "finalized";
  const shareUrl = video.share_path ? (hydrated ? `${window.location.origin}${video.share_path}` : video.share_path) : null;

  async function copy(url: string) {
    try {
      await navigator.clipboard.writeText(url);
      setCopied("Link copied.");
    } catch {
      setCopied("Copying was refused by the browser: select the link and copy it.");
    }
  }

  return (
    <div className="grid grid-cols-1 gap-4">
      <p className="text-sm text-muted-foreground" data-testid="output-facts">
        {output.duration !== null && <>{formatDuration(output.duration)} · </>}
        {formatBytes(output.bytes)} · H.264 MP4
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <a href={mediaSrc(output.download_url)} download className={buttonVariants({ variant: "outline" })}>
          <Download aria-hidden /> Download
        </a>
        {frozen ? (
          <p className="flex items-center gap-1.5 text-sm" data-testid="finalized-note">
            <Lock className="size-4" aria-hidden /> Finalized: the video is kept as it is and can no longer be changed.
          </p>
        ) : (
          <AlertDialog open={open} onOpenChange={(next) => busy?.what !== "finalize" && setOpen(next)}>
            <AlertDialogTrigger asChild>
              <Button type="button" disabled={busy !== null}>
                <Lock aria-hidden /> Finalize
              </Button>
            </AlertDialogTrigger>
            <AlertDialogContent>
              <AlertDialogHeader>
                <AlertDialogTitle>Finalize this video?</AlertDialogTitle>
                <AlertDialogDescription>
                  The video is kept as it is. The clips, stills and work files that made it are removed, and it can no longer be
                  changed or regenerated.
                </AlertDialogDescription>
              </AlertDialogHeader>
              <AlertDialogFooter>
                <AlertDialogCancel disabled={busy !== null}>Not yet</AlertDialogCancel>
                <AlertDialogAction
                  disabled={busy !== null}
                  onClick={async (event) => {
                    event.preventDefault(); // the dialog stays until the API has answered
                    await production.finalize();
                    setOpen(false);
                  }}
                >
                  {busy?.what === "finalize" && <Loader2 className="animate-spin" aria-hidden />}
                  Finalize video
                </AlertDialogAction>
              </AlertDialogFooter>
            </AlertDialogContent>
          </AlertDialog>
        )}
      </div>
      <YouTubePublish videoId={video.id} videoStatus={video.status} youtube={youtube} />
      <div className="grid grid-cols-1 gap-2">
        <h3 className="text-sm font-medium">Share link</h3>
        {shareUrl ? (
          <>
            <Label htmlFor={`${ids}-share`} className="sr-only">
              Share link
            </Label>
            <div className="flex flex-wrap gap-2">
              <Input id={`${ids}-share`} readOnly value={shareUrl} className="max-w-md font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
              <Button type="button" variant="outline" onClick={() => void copy(shareUrl)}>
                <Copy aria-hidden /> Copy link
              </Button>
              <Button type="button" variant="ghost" disabled={busy !== null} onClick={() => void production.revoke()}>
                <Link2Off aria-hidden /> Revoke link
              </Button>
            </div>
            <p aria-live="polite" className="min-h-4 text-xs text-muted-foreground">
              {copied ?? "Anyone with the link can watch the video, without signing in, until it is revoked."}
            </p>
          </>
        ) : (
          <Button type="button" variant="outline" className="justify-self-start" disabled={busy !== null} onClick={() => void production.share()}>
            <Link2 aria-hidden /> Make a share link
          </Button>
        )}
      </div>
    </div>
  );
}
