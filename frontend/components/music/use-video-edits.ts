"use client";

import { useRef, useState } from "react";

import { api, unwrap } from "@/lib/api/client";
import { errorMessage } from "@/lib/api/errors";
import type { GridEdit, SectionEdit, Video } from "@/lib/music-types";

export interface EditOutcome {
  /** The API's sentence when it refused (a 422 names the section), else null. */
  error: string | null;
  /** What the last edit did, for the live region ("Section 2 now starts at 0:09.5"). */
  status: string | null;
}

/**
 * The video being edited and the calls that change it. Each call answers with the whole
 * video (snapped boundaries, resnapped sections, a redone plan), which replaces ours: the
 * server's result is what is shown, never a guess. One call at a time.
 */
export function useVideoEdits(initial: Video, onChange?: (video: Video) => void) {
  const [video, setVideo] = useState(initial);
  const [outcome, setOutcome] = useState<EditOutcome>({ error: null, status: null });
  const [pending, setPending] = useState(false);
  const running = useRef(false);
  const path = { params: { path: { video_id: initial.id } } };

  async function run(call: () => Promise<Video>, describe: (v: Video) => string): Promise<boolean> {
    if (running.current) return false;
    running.current = true;
    setPending(true);
    try {
      const next = await call();
      setVideo(next);
      onChange?.(next);
      setOutcome({ error: null, status: describe(next) });
      return true;
    } catch (error) {
      setOutcome({ error: errorMessage(error), status: null });
      return false;
    } finally {
      running.current = false;
      setPending(false);
    }
  }

  // Boundaries land on bar lines unless an edit asks for any beat.
  const editSections = (edit: Omit<SectionEdit, "any_beat"> & { any_beat?: boolean }, describe: (v: Video) => string) =>
    run(async () => {
      const body = { ...edit, any_beat: edit.any_beat ?? false };
      return unwrap(await api.POST("/api/videos/{video_id}/sections/edit", { ...path, body }));
    }, describe);

  const editGrid = (body: GridEdit, describe: (v: Video) => string) =>
    run(async () => unwrap(await api.POST("/api/videos/{video_id}/grid", { ...path, body })), describe);

  const planClips = () =>
    run(
      async () => unwrap(await api.POST("/api/videos/{video_id}/clips/plan", path)),
      (v) => `Planned ${v.clips.length} clips.`,
    );

  return { video, outcome, pending, editSections, editGrid, planClips };
}
