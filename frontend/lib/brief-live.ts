"use client";

import { useEffect, useRef, useState } from "react";

import { JOB_EVENTS, type JobEventData, TERMINAL_EVENTS, parseJobEvent } from "@/lib/track-events";
import type { StepProgress } from "@/lib/video-live";
import { toPercent } from "@/lib/video-playhead";

/** What one event of a brief's stream means for the page. */
export type BriefEventEffect = { type: "progress"; progress: StepProgress } | { type: "ended"; jobId: string } | null;

/**
 * Read one event of GET /api/briefs/{id}/events. Without Last-Event-ID the stream first replays
 * the brief's newest job; when that is a job which had already ended before we listened
 * (`staleJob`), its replayed bar would flash the last run's progress, so it is passed over.
 */
export function briefEventEffect(name: string, event: JobEventData | null, staleJob: string | null): BriefEventEffect {
  if (!event || event.job_id === staleJob) return null;
  if (TERMINAL_EVENTS.has(name as (typeof JOB_EVENTS)[number])) return { type: "ended", jobId: event.job_id };
  if (event.status !== "running" && event.status !== "queued") return null;
  return { type: "progress", progress: { percent: toPercent(event.progress), stage: event.stage } };
}

export type StreamState = "off" | "connecting" | "open" | "down";

/**
 * Follow a brief's jobs on its event stream while `enabled`: each running event moves the bar
 * (`onProgress`), a job's end asks for the brief to be read (`onEnded`). Returns the stream's
 * state so the caller can poll, slowly, only while the stream is down (refused, dropped, or no
 * EventSource in this browser): a dropped stream costs the bar its smoothness, never the result.
 */
export function useBriefLive(
  id: string,
  enabled: boolean,
  staleJob: string | null,
  onProgress: (progress: StepProgress) => void,
  onEnded: () => void,
): StreamState {
  // Only what the stream's own callbacks report; "off" and "connecting" follow from the inputs.
  const [reported, setReported] = useState<"open" | "down" | null>(null);
  const latest = useRef({ onProgress, onEnded, staleJob });
  useEffect(() => {
    latest.current = { onProgress, onEnded, staleJob };
  });

  useEffect(() => {
    if (!enabled || typeof EventSource === "undefined") return;
    // The job that had ended before this stream opened: fixed for the stream's life.
    const stale = latest.current.staleJob;
    const source = new EventSource(`/api/briefs/${encodeURIComponent(id)}/events`);
    let closed = false;
    const onEvent = (name: string) => (message: MessageEvent<string>) => {
      if (closed) return;
      const effect = briefEventEffect(name, parseJobEvent(message.data), stale);
      if (effect?.type === "progress") latest.current.onProgress(effect.progress);
      else if (effect?.type === "ended") latest.current.onEnded();
    };
    const listeners = JOB_EVENTS.map((name) => [name, onEvent(name)] as const);
    for (const [name, listener] of listeners) source.addEventListener(name, listener as EventListener);
    source.onopen = () => !closed && setReported("open");
    source.onerror = () => {
      // EventSource would retry on its own, but a proxy that drops it once tends to again: poll instead.
      source.close();
      if (!closed) setReported("down");
    };
    return () => {
      closed = true;
      for (const [name, listener] of listeners) source.removeEventListener(name, listener as EventListener);
      source.close();
      setReported(null); // the next stream starts from "connecting"
    };
  }, [id, enabled]);

  if (!enabled) return "off";
  if (typeof EventSource === "undefined") return "down";
  return reported ?? "connecting";
}
