"use client";

import { useCallback, useRef, useState } from "react";

import { api, unwrap } from "@/lib/api/client";
import { ApiError, errorMessage, toErrorBody } from "@/lib/api/errors";
import { type SongProgress, useSongLive } from "@/lib/music-live";
import type { Song } from "@/lib/music-types";

export interface SentSong {
  song: Song;
  /** False when these exact bytes were already a song: the API answers with that one. */
  created: boolean;
}

type MakeRequest = () => XMLHttpRequest;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function sendOnce(file: File, title: string | null, onProgress: (fraction: number) => void, make: MakeRequest, signal?: AbortSignal) {
  return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const xhr = make();
    xhr.open("POST", "/api/songs");
    xhr.responseType = "text";
    // fetch() cannot report upload progress; XMLHttpRequest can, through the same-origin proxy.
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => resolve({ status: xhr.status, body: parseJson(xhr.responseText) });
    xhr.onerror = () => reject(new TypeError("network error"));
    xhr.onabort = () => reject(new DOMException("The upload was cancelled.", "AbortError"));
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append("file", file, file.name);
    if (title) form.append("title", title);
    xhr.send(form);
  });
}

/**
 * Send a song file with upload progress (0..1). An access token that expired mid-way is
 * renewed once (as the typed client does for its calls) and the file sent again; any other
 * refusal becomes an ApiError carrying the API's sentence ("file: it is cut off…").
 */
export async function sendSong(
  file: File,
  title: string | null,
  onProgress: (fraction: number) => void,
  { make = () => new XMLHttpRequest(), signal }: { make?: MakeRequest; signal?: AbortSignal } = {},
): Promise<SentSong> {
  let answer = await sendOnce(file, title, onProgress, make, signal);
  const expired = answer.status === 401 && toErrorBody(answer.body, 401).error_code === "TOKEN_EXPIRED";
  if (expired && (await fetch("/session/refresh", { method: "POST", credentials: "same-origin" })).ok) {
    answer = await sendOnce(file, title, onProgress, make, signal);
  }
  if (answer.status !== 200 && answer.status !== 201) throw new ApiError(toErrorBody(answer.body, answer.status));
  return { song: answer.body as Song, created: answer.status === 201 };
}

export type UploadState =
  | { phase: "idle" }
  | { phase: "uploading"; name: string; percent: number }
  | { phase: "analysing"; song: Song; progress: SongProgress }
  | { phase: "done"; song: Song; created: boolean }
  | { phase: "error"; message: string; song?: Song };

/**
 * A song into the studio and analysed: upload (or take a generated track), then the analysis,
 * inline on the API, followed live meanwhile. One at a time; `reset` goes back to idle.
 */
export function useSongUpload(options: { make?: MakeRequest } = {}) {
  const [state, setState] = useState<UploadState>({ phase: "idle" });
  const busy = useRef(false);
  // Fixed per mount: the browser's XMLHttpRequest, or a test's stand-in.
  const make = useRef(options.make);
  const analysing = state.phase === "analysing" ? state.song.id : null;

  useSongLive(analysing, analysing !== null, (progress) =>
    setState((s) => (s.phase === "analysing" ? { ...s, progress } : s)),
  );

  const analyse = useCallback(async (song: Song, created: boolean) => {
    if (song.status === "analysed") {
      setState({ phase: "done", song, created });
      return;
    }
    setState({ phase: "analysing", song, progress: { percent: null, stage: null } });
    const done = unwrap(await api.POST("/api/songs/{song_id}/analyze", { params: { path: { song_id: song.id } } }));
    if (done.status === "analysed") setState({ phase: "done", song: done, created });
    else setState({ phase: "error", song: done, message: done.job?.error_message ?? "The analysis did not finish." });
  }, []);

  const run = useCallback(async (name: string, get: (onProgress: (f: number) => void) => Promise<SentSong>) => {
    if (busy.current) return;
    busy.current = true;
    setState({ phase: "uploading", name, percent: 0 });
    let song: Song | undefined;
    try {
      const sent = await get((f) => setState((s) => (s.phase === "uploading" ? { ...s, percent: Math.round(f * 100) } : s)));
      song = sent.song;
      await analyse(sent.song, sent.created);
    } catch (error) {
      setState({ phase: "error", message: errorMessage(error), ...(song ? { song } : {}) });
    } finally {
      busy.current = false;
    }
  }, [analyse]);

  const upload = useCallback(
    (file: File, title: string | null) =>
      run(file.name, (onProgress) => sendSong(file, title, onProgress, make.current ? { make: make.current } : {})),
    [run],
  );

  const fromTrack = useCallback(
    (trackId: string, name: string) =>
      run(name, async (onProgress) => {
        const { data, error, response } = await api.POST("/api/songs/from-track", { body: { track_id: trackId } });
        const song = unwrap({ data, error, response });
        onProgress(1);
        return { song, created: response.status === 201 };
      }),
    [run],
  );

  const analyseSong = useCallback((song: Song) => run(song.title, async () => ({ song, created: false })), [run]);

  const reset = useCallback(() => !busy.current && setState({ phase: "idle" }), []);

  return { state, upload, fromTrack, analyseSong, reset };
}
