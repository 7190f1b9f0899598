"use client";

import { useEffect, useRef } from "react";

import { JOB_EVENTS, TERMINAL_EVENTS, parseJobEvent } from "@/lib/track-events";
import { toPercent } from "@/lib/video-playhead";

export interface StepProgress {
  /** 0–100, or null before the step reported anything. */
  percent: number | null;
  stage: string | null;
}

/**
 * Follow a video's running step (storyboard or render) on its event stream while `enabled`.
 * The step itself is the POST that started it, which answers with the whole video when it
 * ends; the stream only moves the bar meanwhile, so a stream that fails costs the bar its
 * smoothness, never the result (the bar then shows "working" until the POST answers).
 */
export function useVideoLive(id: string, enabled: boolean, onProgress: (progress: StepProgress) => void): void {
  const latest = useRef(onProgress);
  useEffect(() => {
    latest.current = onProgress;
  });

  useEffect(() => {
    if (!enabled || typeof EventSource === "undefined") return;
    const source = new EventSource(`/api/videos/${encodeURIComponent(id)}/events`);
    let closed = false;
    const onEvent = (name: string) => (message: MessageEvent<string>) => {
      const event = parseJobEvent(message.data);
      if (closed || !event || !event.kind.startsWith("video.")) return;
      if (TERMINAL_EVENTS.has(name as (typeof JOB_EVENTS)[number])) return; // the POST's answer says how it ended
      if (event.status !== "running" && event.status !== "queued") return; // an earlier step, replayed
      latest.current({ percent: toPercent(event.progress), stage: event.stage });
    };
    const listeners = JOB_EVENTS.map((name) => [name, onEvent(name)] as const);
    for (const [name, listener] of listeners) source.addEventListener(name, listener as EventListener);
    source.onerror = () => source.close();
    return () => {
      closed = true;
      for (const [name, listener] of listeners) source.removeEventListener(name, listener as EventListener);
      source.close();
    };
  }, [id, enabled]);
}
