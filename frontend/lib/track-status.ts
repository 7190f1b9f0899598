import type { Track, TrackStatus } from "@/lib/api/types";

/** Statuses during which a step runs on the server and the track should be polled. */
const BUSY: ReadonlySet<TrackStatus> = new Set(["generating", "rendering", "uploading"]);

export function isBusy(status: TrackStatus): boolean {
  return BUSY.has(status);
}

export const STATUS_LABEL: Record<TrackStatus, string> = {
  generating: "Generating",
  generated: "Generated",
  rendering: "Rendering",
  rendered: "Rendered",
  uploading: "Uploading",
  uploaded: "Uploaded",
  failed: "Failed",
};

/** Colour family per status; the badge and the stats cards share it. */
export type StatusTone = "busy" | "ready" | "done" | "published" | "failed";

export const STATUS_TONE: Record<TrackStatus, StatusTone> = {
  generating: "busy",
  rendering: "busy",
  uploading: "busy",
  generated: "ready",
  rendered: "done",
  uploaded: "published",
  failed: "failed",
};

/** Only a freshly generated track renders; a failed render goes through retry instead. */
export function canRender(track: Pick<Track, "status">): boolean {
  return track.status === "generated";
}
