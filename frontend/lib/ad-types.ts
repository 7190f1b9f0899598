// The brief endpoints' shapes as the dashboard uses them, and the choices the API takes.
import type { components } from "@/lib/api/schema.gen";

type Schemas = components["schemas"];
export type Brief = Schemas["BriefPublic"];
export type BriefUpdate = Schemas["BriefUpdate"];
export type Direction = Schemas["Direction"];
export type PaintingEstimate = Schemas["PaintingEstimate"];
export type ChatReply = Schemas["ChatReply"];
export type Turn = Schemas["Turn"];

export const DURATIONS = [15, 30, 45, 60] as const;
export type Duration = (typeof DURATIONS)[number];
export const ASPECTS = [
  { value: "16:9", label: "16:9", hint: "Landscape: YouTube" },
  { value: "9:16", label: "9:16", hint: "Vertical: Shorts, Reels" },
  { value: "1:1", label: "1:1", hint: "Square" },
] as const;
export type Aspect = (typeof ASPECTS)[number]["value"];

/** The API's limits (backend schemas), so the form can stop a mistake before a round trip. */
export const LIMITS = {
  product: 100,
  audience: 200,
  call_to_action: 80,
  message: 100,
  messages: 5,
  word: 30,
  words: 8,
  keyword: 40,
  keywords: 12,
  colors: 4,
} as const;

export const FIELD_LABELS: Readonly<Record<string, string>> = {
  product: "Product or subject",
  audience: "Audience",
  tone: "Tone words",
  style_keywords: "Style keywords",
  key_messages: "Key messages",
  call_to_action: "Call to action",
  duration: "Duration",
  aspect: "Aspect",
  brand_colors: "Brand colours",
  song_id: "Music",
};

/** Where a brief stands, for the list and the page's steps. */
export type BriefStage = "brief" | "moodboards" | "chosen" | "video";

export function briefStage(brief: Pick<Brief, "missing" | "moodboards" | "chosen" | "video_id">): BriefStage {
  if (brief.video_id) return "video";
  if (brief.chosen !== null && brief.chosen !== undefined) return "chosen";
  if (brief.moodboards.length > 0) return "moodboards";
  return "brief";
}

export const STAGE_LABEL: Readonly<Record<BriefStage, string>> = {
  brief: "Writing the brief",
  moodboards: "Picking a direction",
  chosen: "Direction chosen",
  video: "Video made",
};

/** A brief's job that is still running (painting mood boards, making the video's music). */
export function runningJob(brief: Pick<Brief, "job">): NonNullable<Brief["job"]> | null {
  const job = brief.job;
  return job && (job.status === "running" || job.status === "queued") ? job : null;
}

export function briefTitle(brief: Pick<Brief, "product">): string {
  return brief.product.trim() || "Untitled brief";
}
