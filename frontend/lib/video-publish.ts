// What the "Upload to YouTube" part of a finished video says: whether uploading is possible
// now (and if not, why, in words), and where the video's upload stands. Pure, unit-tested.
import type { components } from "@/lib/api/schema.gen";
import { toPercent } from "@/lib/video-playhead";
import type { YouTubeConnection } from "@/lib/youtube";

export type VideoUploadState = components["schemas"]["VideoUploadState"];

/**
 * Null when the upload can be offered, else the reason it cannot. An unknown connection
 * (the status could not be read) is offered: the API's answer then says what is missing.
 */
export function uploadBlocked(youtube: YouTubeConnection | null, videoStatus: string): string | null {
  if (videoStatus !== "composed" && videoStatus !== "finalized") return "Only a composed video can be uploaded.";
  if (!youtube) return null;
  if (!youtube.configured) return "YouTube is not set up on this studio: Settings explains what to configure.";
  if (youtube.needsReconnect) return "YouTube asks you to reconnect the channel in Settings before uploading.";
  if (!youtube.connected) return "No YouTube channel is connected: connect one in Settings to upload.";
  return null;
}

export type UploadSummary =
  | { kind: "none" }
  | { kind: "uploading"; percent: number | null; stage: string }
  | { kind: "uploaded"; url: string | null; videoId: string | null; privacy: string | null; warnings: string[] }
  | { kind: "failed"; message: string; retryable: boolean };

/** The upload state as the page shows it. */
export function uploadSummary(state: VideoUploadState | null | undefined): UploadSummary {
  if (!state || state.status === "not_uploaded") return { kind: "none" };
  if (state.status === "uploading") {
    return {
      kind: "uploading",
      percent: state.progress != null ? toPercent(state.progress) : null,
      stage: state.stage?.trim() || "Starting the upload",
    };
  }
  if (state.status === "uploaded") {
    return {
      kind: "uploaded",
      url: state.youtube_url ?? (state.youtube_video_id ? `https://www.youtube.com/watch?v=${state.youtube_video_id}` : null),
      videoId: state.youtube_video_id ?? null,
      privacy: state.youtube_privacy ?? null,
      warnings: state.upload_warnings ?? [],
    };
  }
  return {
    kind: "failed",
    message: state.error_message?.trim() || "The upload stopped.",
    retryable: state.retryable === true,
  };
}
