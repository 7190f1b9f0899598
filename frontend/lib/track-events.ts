// The API's live events for a track (GET /api/tracks/{id}/events, Server-Sent Events). They
// are not in the OpenAPI schema — a stream has no response model — so their shape is written
// down here, as the backend documents it, and read defensively.
import type { Track, TrackStatus } from "@/lib/api/types";

export const JOB_EVENTS = ["stage_update", "progress", "message", "cost_update", "completed", "error"] as const;
export type JobEventName = (typeof JOB_EVENTS)[number];

/** After these the job is over: the track itself is read again for the truth (URLs, error). */
export const TERMINAL_EVENTS: ReadonlySet<JobEventName> = new Set(["completed", "error"]);

/** What every event's data carries (a snapshot of the job), plus the error's own fields. */
export interface JobEventData {
  job_id: string;
  kind: string; // generate | render | upload | …
  status: string; // queued | running | succeeded | failed | cancelled
  stage: string | null;
  progress: number; // 0..1
  message?: string;
  error_code?: string;
  retryable?: boolean;
}

/** The part of a track an event can tell: what the track page and the generate form draw. */
export type LiveTrack = Pick<Track, "status" | "stage" | "progress">;

/** The track's status while a job of each kind runs on it. */
export const BUSY_STATUS: Readonly<Record<string, TrackStatus>> = {
  generate: "generating",
  render: "rendering",
  upload: "uploading",
};

export function parseJobEvent(raw: string): JobEventData | null {
  try {
    const data: unknown = JSON.parse(raw);
    if (typeof data !== "object" || data === null) return null;
    const d = data as Record<string, unknown>;
    if (typeof d.job_id !== "string" || typeof d.kind !== "string" || typeof d.status !== "string") return null;
    return {
      job_id: d.job_id,
      kind: d.kind,
      status: d.status,
      stage: typeof d.stage === "string" ? d.stage : null,
      progress: typeof d.progress === "number" && Number.isFinite(d.progress) ? d.progress : 0,
      ...(typeof d.message === "string" ? { message: d.message } : {}),
      ...(typeof d.error_code === "string" ? { error_code: d.error_code } : {}),
      ...(typeof d.retryable === "boolean" ? { retryable: d.retryable } : {}),
    };
  } catch {
    return null;
  }
}

/**
 * How a running job's event shows on its track: the step's busy status, its stage, and its
 * progress as the track's percent (events count 0..1, the track 0–100). Null for an event
 * that says nothing about a running step (a kind this page does not know, a finished job):
 * those wait for the track to be read again.
 */
export function liveFromEvent(event: JobEventData): LiveTrack | null {
  const status = BUSY_STATUS[event.kind];
  if (!status || (event.status !== "running" && event.status !== "queued")) return null;
  const percent = Math.round(Math.min(1, Math.max(0, event.progress)) * 100);
  return { status, stage: event.stage, progress: percent };
}
