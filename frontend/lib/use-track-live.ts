"use client";

import { useEffect, useRef, useState } from "react";

import { api } from "@/lib/api/client";
import type { Track } from "@/lib/api/types";
import {
  JOB_EVENTS,
  type JobEventData,
  type LiveTrack,
  TERMINAL_EVENTS,
  liveFromEvent,
  parseJobEvent,
} from "@/lib/track-events";
import { POLL_INTERVAL_MS, usePoll } from "@/lib/use-poll";

/** While the stream runs, a slow poll still reads the track: a safety net, not the source. */
export const BACKSTOP_POLL_MS = 10_000;
const RETRY_FIRST_MS = 2_000;
const RETRY_MAX_MS = 30_000;

export type LiveMode = "stream" | "poll";

export interface TrackLiveHandlers {
  /** A running step's stage and percent, from an event. */
  onLive: (live: LiveTrack, event: JobEventData) => void;
  /** The whole track, read after a step ended (`completed`/`error`) or by a poll. */
  onTrack: (track: Track) => void;
  /**
   * Which jobs' events to act on (default: all). A stream opened without Last-Event-ID first
   * replays the track's newest job, which, when a new step is only just being started, is
   * the previous one: a page starting a render has no use for the old generation's events.
   */
  accept?: (event: JobEventData) => boolean;
}

async function readTrack(id: string, signal?: AbortSignal): Promise<Track | undefined> {
  return (await api.GET("/api/tracks/{track_id}", { params: { path: { track_id: id } }, signal })).data;
}

/**
 * Follow a track while `enabled`: its live events (EventSource on /api/tracks/{id}/events,
 * through the dashboard's same-origin proxy, which adds the session's token) and, when a step
 * ends, the track read again. When the stream fails — refused, not there (a 404 before a
 * client-chosen id exists), cut and reconnecting — the track is polled every second as before
 * (usePoll), and the stream is tried again after 2, 4 … 30 s, resuming after the last event
 * seen. While the stream runs, a poll every 10 s stays on as a safety net.
 */
export function useTrackLive(id: string, enabled: boolean, handlers: TrackLiveHandlers): LiveMode {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  const [streamState, setStreamState] = useState<{ key: string; mode: LiveMode }>({ key: id, mode: "stream" });
  const [attempt, setAttempt] = useState(0);
  const failures = useRef(0);
  const lastEventId = useRef<{ key: string; value: string } | null>(null);

  const canStream = typeof EventSource !== "undefined";
  const mode: LiveMode = canStream && streamState.key === id ? streamState.mode : canStream ? "stream" : "poll";
  const active = enabled && id !== "";

  useEffect(() => {
    if (!active || !canStream) return;
    const resumeAfter = lastEventId.current?.key === id ? lastEventId.current.value : null;
    const url = `/api/tracks/${encodeURIComponent(id)}/events${resumeAfter ? `?last_event_id=${encodeURIComponent(resumeAfter)}` : ""}`;
    const source = new EventSource(url);
    let retry: ReturnType<typeof setTimeout> | undefined;
    let closed = false;

    const onEvent = (name: (typeof JOB_EVENTS)[number]) => (message: MessageEvent<string>) => {
      if (closed) return;
      if (message.lastEventId) lastEventId.current = { key: id, value: message.lastEventId };
      const event = parseJobEvent(message.data);
      if (!event || latest.current.accept?.(event) === false) return;
      const live = liveFromEvent(event);
      if (live && !TERMINAL_EVENTS.has(name)) latest.current.onLive(live, event);
      if (TERMINAL_EVENTS.has(name)) {
        readTrack(id)
          .then((track) => track && !closed && latest.current.onTrack(track))
          .catch(() => undefined); // the polls carry on and will read it
      }
    };
    const listeners = JOB_EVENTS.map((name) => [name, onEvent(name)] as const);
    for (const [name, listener] of listeners) source.addEventListener(name, listener as EventListener);

    source.onopen = () => {
      failures.current = 0;
      setStreamState({ key: id, mode: "stream" });
    };
    source.onerror = () => {
      setStreamState({ key: id, mode: "poll" });
      // CONNECTING: the browser reconnects by itself (sending Last-Event-ID); poll meanwhile.
      // CLOSED: it gave up (an HTTP error, not an event stream): try again later ourselves.
      if (source.readyState === EventSource.CLOSED) {
        source.close();
        const wait = Math.min(RETRY_FIRST_MS * 2 ** failures.current, RETRY_MAX_MS);
        failures.current += 1;
        retry = setTimeout(() => setAttempt((n) => n + 1), wait);
      }
    };

    return () => {
      closed = true;
      clearTimeout(retry);
      for (const [name, listener] of listeners) source.removeEventListener(name, listener as EventListener);
      source.close();
    };
  }, [id, active, canStream, attempt]);

  usePoll(readTrack.bind(null, id), (track) => latest.current.onTrack(track), {
    enabled: active,
    key: id,
    intervalMs: mode === "stream" ? BACKSTOP_POLL_MS : POLL_INTERVAL_MS,
  });

  return mode;
}
