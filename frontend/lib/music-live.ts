"use client";

import { useEffect, useRef, useState } from "react";

import { api } from "@/lib/api/client";
import type { Song } from "@/lib/music-types";
import { JOB_EVENTS, TERMINAL_EVENTS, parseJobEvent } from "@/lib/track-events";
import { POLL_INTERVAL_MS, usePoll } from "@/lib/use-poll";

/** While the stream runs, a slow poll still reads the song, in case an event goes missing. */
const BACKSTOP_POLL_MS = 10_000;

export interface SongProgress {
  /** 0–100, or null before the analysis reported anything. */
  percent: number | null;
  stage: string | null;
}

/** What a song's newest job says about its analysis, as the progress bar shows it. */
export function progressOfSong(song: Pick<Song, "job">): SongProgress {
  const job = song.job;
  if (!job) return { percent: null, stage: null };
  return { percent: Math.round(Math.min(1, Math.max(0, job.progress)) * 100), stage: job.stage };
}

async function readSong(id: string, signal?: AbortSignal): Promise<Song | undefined> {
  return (await api.GET("/api/songs/{song_id}", { params: { path: { song_id: id } }, signal })).data;
}

/**
 * Follow a song's analysis while `enabled`: its event stream through the dashboard's own
 * origin, and polling of the song when the stream is refused or drops (the analysis runs on
 * regardless, so missing the stream only costs smoothness). The analysis is short, so a failed
 * stream is not retried: polling carries it to the end.
 */
export function useSongLive(
  id: string | null,
  enabled: boolean,
  onProgress: (progress: SongProgress) => void,
): "stream" | "poll" {
  const latest = useRef(onProgress);
  useEffect(() => {
    latest.current = onProgress;
  });
  const [failed, setFailed] = useState<string | null>(null);
  const canStream = typeof EventSource !== "undefined";
  const streaming = canStream && failed !== id;
  const active = enabled && id !== null;

  useEffect(() => {
    if (!active || !streaming || id === null) return;
    const source = new EventSource(`/api/songs/${encodeURIComponent(id)}/events`);
    let closed = false;
    const onEvent = (name: string) => (message: MessageEvent<string>) => {
      const event = parseJobEvent(message.data);
      if (closed || !event || event.kind !== "analyse") return;
      if (TERMINAL_EVENTS.has(name as (typeof JOB_EVENTS)[number])) return; // the POST's answer says how it ended
      latest.current({ percent: Math.round(Math.min(1, Math.max(0, event.progress)) * 100), stage: event.stage });
    };
    const listeners = JOB_EVENTS.map((name) => [name, onEvent(name)] as const);
    for (const [name, listener] of listeners) source.addEventListener(name, listener as EventListener);
    source.onerror = () => {
      // The browser reconnects by itself unless it gave up; either way polling takes over.
      source.close();
      setFailed(id);
    };
    return () => {
      closed = true;
      for (const [name, listener] of listeners) source.removeEventListener(name, listener as EventListener);
      source.close();
    };
  }, [id, active, streaming]);

  usePoll(
    (signal) => (id ? readSong(id, signal) : Promise.resolve(undefined)),
    (song) => song.status === "analysing" && song.job && latest.current(progressOfSong(song)),
    { enabled: active, key: id, intervalMs: streaming ? BACKSTOP_POLL_MS : POLL_INTERVAL_MS },
  );

  return streaming ? "stream" : "poll";
}
