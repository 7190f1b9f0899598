"use client";

import { useRef, useState } from "react";

import { api, unwrap } from "@/lib/api/client";
import { errorMessage } from "@/lib/api/errors";
import { usePoll } from "@/lib/use-poll";
import { type StepProgress, useVideoLive } from "@/lib/video-live";
import type { Options, ProductionClip, ProductionVideo } from "@/lib/video-types";

/** How often the clips are read while motion is being made (each commits as it lands). */
const CLIP_POLL_MS = 2000;

/** What is running: `step` calls are long (a job with progress on the event stream). */
export interface Busy {
  what: "options" | "storyboard" | "repaint" | "approve" | "render" | "regenerate" | "finalize" | "share";
  step: boolean;
  /** Which scene, clip or section the call is about, for the spinner on the right button. */
  index?: number;
}

export interface Outcome {
  error: string | null;
  status: string | null;
}

const IDLE: StepProgress = { percent: null, stage: null };

/**
 * The video being produced and the calls that move it along. Every call answers with the
 * whole video, which replaces ours (the server's word is what is shown). One call at a time;
 * long steps are followed on the video's event stream while their POST is open.
 */
export function useProduction(initial: ProductionVideo) {
  const [video, setVideo] = useState(initial);
  const [busy, setBusy] = useState<Busy | null>(null);
  const [progress, setProgress] = useState<StepProgress>(IDLE);
  const [outcome, setOutcome] = useState<Outcome>({ error: null, status: null });
  const [liveClips, setLiveClips] = useState<ProductionClip[] | null>(null);
  const running = useRef(false);
  const id = initial.id;
  const path = { params: { path: { video_id: id } } };

  useVideoLive(id, busy?.step === true, setProgress);
  // The event stream counts clips; the tiles want each clip's own state, read as it lands.
  usePoll(
    async (signal) => (await api.GET("/api/videos/{video_id}", { ...path, signal })).data,
    (v) => setLiveClips(v.clips),
    { enabled: busy?.what === "render" || busy?.what === "regenerate", key: id, intervalMs: CLIP_POLL_MS },
  );

  async function run(
    doing: Busy,
    call: () => Promise<ProductionVideo>,
    describe: (v: ProductionVideo) => string,
  ): Promise<boolean> {
    if (running.current) return false;
    running.current = true;
    setBusy(doing);
    setProgress(IDLE);
    setOutcome({ error: null, status: null });
    try {
      const next = await call();
      setVideo(next);
      setOutcome({ error: null, status: describe(next) });
      return true;
    } catch (error) {
      setOutcome({ error: errorMessage(error), status: null });
      // The step may have got part of the way (a failed clip, a still painted): read it again.
      const fresh = await api.GET("/api/videos/{video_id}", path).catch(() => null);
      if (fresh?.data) setVideo(fresh.data);
      return false;
    } finally {
      running.current = false;
      setBusy(null);
      setLiveClips(null);
    }
  }

  const scenePath = (index: number) => ({ params: { path: { video_id: id, index } } });

  return {
    video,
    setVideo,
    /** The clips as last read while motion is being made, else the video's own. */
    clips: liveClips ?? video.clips,
    busy,
    progress,
    outcome,
    setOptions: (body: Options, said: string) =>
      run(
        { what: "options", step: false },
        async () => unwrap(await api.PATCH("/api/videos/{video_id}/options", { ...path, body })),
        () => said,
      ),
    storyboard: (replan = false) =>
      run(
        { what: "storyboard", step: true },
        async () =>
          unwrap(await api.POST("/api/videos/{video_id}/storyboard", { ...path, params: { ...path.params, query: { replan } } })),
        (v) => `Storyboard ready: ${v.scenes.length} scenes to look over.`,
      ),
    repaint: (index: number, body: { prompt?: string; seed?: number }) =>
      run(
        { what: "repaint", step: true, index },
        async () => unwrap(await api.POST("/api/videos/{video_id}/scenes/{index}/still", { ...scenePath(index), body })),
        () => `Scene ${index + 1} painted again.`,
      ),
    approveScene: (index: number) =>
      run(
        { what: "approve", step: false, index },
        async () => unwrap(await api.POST("/api/videos/{video_id}/scenes/{index}/approve", scenePath(index))),
        (v) => (v.status === "approved" ? "Every scene is approved." : `Scene ${index + 1} approved.`),
      ),
    approveAll: () =>
      run(
        { what: "approve", step: false },
        async () => unwrap(await api.POST("/api/videos/{video_id}/storyboard/approve", path)),
        () => "Storyboard approved: the video can be made.",
      ),
    render: () =>
      run(
        { what: "render", step: true },
        async () => unwrap(await api.POST("/api/videos/{video_id}/render", path)),
        () => "The video is composed.",
      ),
    regenerateClip: (index: number) =>
      run(
        { what: "regenerate", step: true, index },
        async () => unwrap(await api.POST("/api/videos/{video_id}/clips/{index}/regenerate", scenePath(index))),
        () => `Clip ${index + 1} regenerated; the video was composed again.`,
      ),
    regenerateSection: (index: number) =>
      run(
        { what: "regenerate", step: true, index: -1 - index },
        async () => unwrap(await api.POST("/api/videos/{video_id}/sections/{index}/regenerate", scenePath(index))),
        () => `Section ${index + 1} regenerated; the video was composed again.`,
      ),
    finalize: () =>
      run(
        { what: "finalize", step: false },
        async () => unwrap(await api.POST("/api/videos/{video_id}/finalize", path)),
        () => "The video is finalized.",
      ),
    share: () =>
      run(
        { what: "share", step: false },
        async () => unwrap(await api.POST("/api/videos/{video_id}/share", path)),
        () => "Share link made.",
      ),
    revoke: () =>
      run(
        { what: "share", step: false },
        async () => unwrap(await api.DELETE("/api/videos/{video_id}/share", path)),
        () => "Share link revoked: it no longer plays.",
      ),
  };
}

export type Production = ReturnType<typeof useProduction>;
