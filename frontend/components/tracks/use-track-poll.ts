"use client";

import { useEffect, useRef } from "react";

import { api } from "@/lib/api/client";
import type { Track } from "@/lib/api/types";

export const POLL_INTERVAL_MS = 1000;

/**
 * While `enabled`, read the track about once a second and hand each answer to `onTrack`.
 * One request at a time (the next waits for the previous plus the interval), so a slow
 * server is never stacked with polls. A 404 is expected right after a client-chosen id is
 * sent to /api/generate and before the row exists, so it is skipped quietly.
 */
export function useTrackPoll(id: string, enabled: boolean, onTrack: (track: Track) => void): void {
  const callback = useRef(onTrack);
  useEffect(() => {
    callback.current = onTrack;
  });

  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;

    const tick = async () => {
      try {
        const { data } = await api.GET("/api/tracks/{track_id}", {
          params: { path: { track_id: id } },
          signal: controller.signal,
        });
        if (data && !controller.signal.aborted) callback.current(data);
      } catch {
        // Network blips: the next tick tries again; the step itself runs on the server.
      }
      if (!controller.signal.aborted) timer = setTimeout(tick, POLL_INTERVAL_MS);
    };
    timer = setTimeout(tick, POLL_INTERVAL_MS / 2);

    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [id, enabled]);
}

/** Keep the newest of two snapshots of a track (a late poll must not undo a fresher answer). */
export function newerTrack(current: Track, incoming: Track): Track {
  return Date.parse(incoming.updated_at) >= Date.parse(current.updated_at) ? incoming : current;
}
