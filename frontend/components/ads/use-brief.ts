"use client";

import { useRef, useState } from "react";

import { type Brief, runningJob } from "@/lib/ad-types";
import { api } from "@/lib/api/client";
import { errorMessage } from "@/lib/api/errors";
import { useBriefLive } from "@/lib/brief-live";
import { usePoll } from "@/lib/use-poll";
import { toPercent } from "@/lib/video-playhead";
import type { StepProgress } from "@/lib/video-live";

/**
 * How often the brief is read while one of its jobs runs and its event stream is down: the
 * stream moves the bar; this only keeps the page going without it.
 */
const FALLBACK_POLL_MS = 3000;

export interface BriefCall {
  what: "save" | "moodboards" | "fresh" | "choose" | "video";
  index?: number;
}

/**
 * The brief as the server last told it, and its long steps. The mood boards and the video's
 * music are jobs that run inside their POST; meanwhile the brief's event stream gives the job's
 * stage ("painting 5/12") so the bar moves, and a slow read of the brief stands in when the
 * stream is down. A brief reopened while such a job still runs (the page was closed mid-way)
 * is followed the same way until the job ends, and then read whole.
 */
export function useBrief(initial: Brief) {
  const [brief, setBrief] = useState(initial);
  const [call, setCall] = useState<BriefCall | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<StepProgress>(() => jobProgress(initial));
  const running = useRef(false);
  const id = initial.id;
  const path = { params: { path: { brief_id: id } } };
  const following = call?.what === "moodboards" || call?.what === "fresh" || call?.what === "video" || runningJob(brief) !== null;

  const apply = (fresh: Brief) => {
    setProgress(jobProgress(fresh));
    // Outside a call of ours (a reopened page), the job's end is the brief's new state.
    if (!running.current) setBrief(fresh);
  };
  const read = async (signal?: AbortSignal) => (await api.GET("/api/briefs/{brief_id}", { ...path, signal })).data;

  // A job that ended before we listened: the stream's replay of it is not this run's progress.
  const staleJob = brief.job && runningJob(brief) === null ? brief.job.id : null;
  const stream = useBriefLive(id, following, staleJob, setProgress, () => {
    void read()
      .then((fresh) => fresh && apply(fresh))
      .catch(() => undefined);
  });

  usePoll(read, apply, { enabled: following && stream === "down", key: id, intervalMs: FALLBACK_POLL_MS });

  /**
   * One call at a time; its answer (the whole brief) replaces ours. A refusal is shown on the
   * page's outcome line, unless the caller shows it itself (`ownErrors`: the form, per field).
   */
  async function run(
    doing: BriefCall,
    request: () => Promise<Brief>,
    { ownErrors = false }: { ownErrors?: boolean } = {},
  ): Promise<{ ok: true; brief: Brief } | { ok: false; error: unknown }> {
    if (running.current) return { ok: false, error: new Error("Another step is still running.") };
    running.current = true;
    setCall(doing);
    setError(null);
    setProgress({ percent: null, stage: null });
    try {
      const next = await request();
      setBrief(next);
      return { ok: true, brief: next };
    } catch (e) {
      if (!ownErrors) setError(errorMessage(e));
      // A step may have got part of the way: show what the server holds now.
      const fresh = await api.GET("/api/briefs/{brief_id}", path).catch(() => null);
      if (fresh?.data) setBrief(fresh.data);
      return { ok: false, error: e };
    } finally {
      running.current = false;
      setCall(null);
    }
  }

  return { brief, setBrief, call, error, setError, progress, run, busy: call !== null || runningJob(brief) !== null };
}

export type BriefState = ReturnType<typeof useBrief>;

function jobProgress(brief: Brief): StepProgress {
  const job = runningJob(brief);
  return job ? { percent: toPercent(job.progress), stage: job.stage ?? null } : { percent: null, stage: null };
}
