"use client";

import { useRouter } from "next/navigation";
import { useCallback, useRef, useState } from "react";
import { toast } from "sonner";

import { api, unwrap } from "@/lib/api/client";
import { errorMessage } from "@/lib/api/errors";
import type { Track, UploadRequest } from "@/lib/api/types";
import { BUSY_STATUS } from "@/lib/track-events";
import { isBusy } from "@/lib/track-status";
import { useTrackLive } from "@/lib/use-track-live";

import { newerTrack } from "./use-track-poll";

const SUCCESS: Partial<Record<Track["status"], string>> = {
  generated: "Music and cover art are ready",
  rendered: "Video rendered",
  uploaded: "Uploaded to YouTube",
};

export type PendingAction = "render" | "retry" | "upload" | "delete" | null;

/**
 * The live state of one track and what the creator can do with it. Render, retry and upload
 * run inline on the server (seconds to minutes); meanwhile the page follows the track's event
 * stream for the stage and percent (polling when the stream fails, see useTrackLive).
 */
export function useTrackActions(initial: Track) {
  const router = useRouter();
  const [track, setTrack] = useState(initial);
  const [pending, setPending] = useState<PendingAction>(null);
  const reloading = useRef(false);

  const running = pending === "render" || pending === "retry" || pending === "upload";
  // The step being waited for: an upload leaves the track "rendered" until its first event.
  const expected = pending === "upload" ? "uploading" : track.status;
  useTrackLive(track.id, isBusy(track.status) || running, {
    accept: (event) => BUSY_STATUS[event.kind] === expected,
    onLive: (live) => setTrack((current) => ({ ...current, ...live })),
    onTrack: (next) => setTrack((current) => newerTrack(current, next)),
  });

  const fetchTrack = useCallback(async () => {
    const { data } = await api.GET("/api/tracks/{track_id}", { params: { path: { track_id: initial.id } } });
    if (data) setTrack(data);
  }, [initial.id]);

  /** Fetch the track again, e.g. for fresh signed media URLs after one expired. */
  const reload = useCallback(async () => {
    if (reloading.current) return;
    reloading.current = true;
    try {
      await fetchTrack();
    } finally {
      // Allow another reload later, but not a tight loop on a media file that is truly gone.
      setTimeout(() => (reloading.current = false), 10_000);
    }
  }, [fetchTrack]);

  const run = async (action: "render" | "retry", call: () => Promise<Track>, busyStatus: Track["status"]) => {
    setPending(action);
    setTrack((t) => ({ ...t, status: busyStatus, stage: null, progress: null, error_message: null }));
    try {
      const done = await call();
      setTrack(done);
      if (done.status === "failed") toast.error("The step failed", { description: done.error_message ?? undefined });
      else toast.success(SUCCESS[done.status] ?? "Done");
      router.refresh();
    } catch (error) {
      toast.error(action === "render" ? "Render failed" : "Retry failed", { description: errorMessage(error) });
      await fetchTrack().catch(() => undefined);
    } finally {
      setPending(null);
    }
  };

  const render = () =>
    run("render", async () => unwrap(await api.POST("/api/render", { body: { track_id: track.id } })), "rendering");

  const retry = () => {
    const stage = track.failed_stage === "render" ? "rendering" : track.failed_stage === "upload" ? "uploading" : "generating";
    return run(
      "retry",
      async () => unwrap(await api.POST("/api/tracks/{track_id}/retry", { params: { path: { track_id: track.id } } })),
      stage,
    );
  };

  /**
   * Send the video to YouTube. Throws the API's error for the upload dialog to show (with the
   * way out: Settings, the quota's reset time); the track is read again either way.
   */
  const upload = async (request: UploadRequest): Promise<Track> => {
    setPending("upload");
    try {
      const done = unwrap(await api.POST("/api/upload", { body: request }));
      setTrack(done);
      toast.success("Uploaded to YouTube", { description: done.upload_warnings?.[0] ?? done.prompt });
      router.refresh();
      return done;
    } catch (error) {
      await fetchTrack().catch(() => undefined); // refused up front (still rendered) or failed part-way
      throw error;
    } finally {
      setPending(null);
    }
  };

  // A refusal is thrown to the confirmation dialog, which says it where the creator is looking.
  const remove = async () => {
    setPending("delete");
    try {
      unwrap(await api.DELETE("/api/tracks/{track_id}", { params: { path: { track_id: track.id } } }));
    } catch (error) {
      setPending(null);
      throw error;
    }
    toast.success("Track deleted");
    router.push("/history");
    router.refresh();
  };

  return { track, pending, reload, render, retry, upload, remove };
}
