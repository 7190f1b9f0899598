"use client";

import { api } from "@/lib/api/client";
import type { Track } from "@/lib/api/types";
import { usePoll } from "@/lib/use-poll";

/**
 * While `enabled`, read the track about once a second and hand each answer to `onTrack`
 * (see usePoll: one request at a time). A 404 is expected right after a client-chosen id is
 * sent to /api/generate and before the row exists, so it is skipped quietly.
 */
export function useTrackPoll(id: string, enabled: boolean, onTrack: (track: Track) => void): void {
  usePoll(
    async (signal) => (await api.GET("/api/tracks/{track_id}", { params: { path: { track_id: id } }, signal })).data,
    onTrack,
    { enabled, key: id },
  );
}

/** Keep the newest of two snapshots of a track (a late poll must not undo a fresher answer). */
export function newerTrack(current: Track, incoming: Track): Track {
  return Date.parse(incoming.updated_at) >= Date.parse(current.updated_at) ? incoming : current;
}
