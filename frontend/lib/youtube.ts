// YouTube's metadata limits, counted the way YouTube (and the API, app/youtube/schemas.py)
// counts them, so the upload dialog refuses what would be refused. Pure, unit-tested.
import type { Privacy, YouTubeStatus } from "@/lib/api/types";

/** What pages need to know of the YouTube connection to offer uploading. */
export interface YouTubeConnection {
  configured: boolean;
  connected: boolean;
  needsReconnect: boolean;
  channel: string | null;
}

export function youtubeConnection(status: YouTubeStatus): YouTubeConnection {
  return {
    configured: status.configured,
    connected: status.connected,
    needsReconnect: status.needs_reconnect,
    channel: status.channel_title ?? null,
  };
}

export const TITLE_MAX = 100;
export const DESCRIPTION_MAX_BYTES = 5000;
export const TAGS_MAX = 500;
export const TAG_MAX = 100;

export const PRIVACY_LABEL: Record<Privacy, string> = {
  private: "Private",
  unlisted: "Unlisted",
  public: "Public",
};

export const PRIVACY_HINT: Record<Privacy, string> = {
  private: "Only you",
  unlisted: "Anyone with the link",
  public: "Everyone",
};

/** YouTube video categories that suit ambient music; 10 (Music) is the studio's default. */
export const CATEGORIES: ReadonlyArray<{ id: string; label: string }> = [
  { id: "10", label: "Music" },
  { id: "24", label: "Entertainment" },
  { id: "22", label: "People & Blogs" },
  { id: "27", label: "Education" },
  { id: "1", label: "Film & Animation" },
];

/**
 * Length of a tag list as YouTube counts it: tags are joined by commas, and a tag with a space
 * is wrapped in quotes (so "ambient music" costs 15, not 13).
 */
export function tagsLength(tags: readonly string[]): number {
  return tags.reduce((sum, tag) => sum + tag.length + (tag.includes(" ") ? 2 : 0), 0) + Math.max(0, tags.length - 1);
}

/**
 * Add tags typed into the tag field ("lofi, rain sounds"): split on commas, trimmed, without
 * repeats (YouTube ignores case when it compares tags). Returns the new list.
 */
export function addTags(current: readonly string[], typed: string): string[] {
  const next = [...current];
  const seen = new Set(current.map((t) => t.toLowerCase()));
  for (const raw of typed.split(",")) {
    const tag = raw.trim().replace(/\s+/g, " ");
    if (!tag || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    next.push(tag);
  }
  return next;
}

/** UTF-8 bytes: YouTube's description limit is 5000 bytes, and "é" is two of them. */
export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

const ANGLE = /[<>]/;

/**
 * A `datetime-local` value ("2026-03-01T09:30") read in the browser's time zone, as ISO 8601
 * with that zone's offset ("2026-03-01T09:30:00+01:00"). Null for an empty or invalid value.
 */
export function localInputToIso(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, s = "00"] = match;
  const date = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(date.getTime())) return null;
  const offset = -date.getTimezoneOffset(); // minutes east of UTC
  const sign = offset >= 0 ? "+" : "-";
  const abs = Math.abs(offset);
  const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
  const pad = (n: number) => String(n).padStart(2, "0");
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}${zone}`
  );
}

/** The earliest value for the schedule picker: a few minutes from now, in local time. */
export function minScheduleInput(now: Date = new Date()): string {
  const soon = new Date(now.getTime() + 5 * 60_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${soon.getFullYear()}-${pad(soon.getMonth() + 1)}-${pad(soon.getDate())}T${pad(soon.getHours())}:${pad(soon.getMinutes())}`;
}

export interface UploadForm {
  title: string;
  description: string;
  tags: string[];
  privacy: Privacy;
  madeForKids: boolean | null;
  /** datetime-local value, or "" for no schedule. */
  schedule: string;
}

export type UploadProblems = Partial<Record<"title" | "description" | "tags" | "madeForKids" | "schedule", string>>;

/** Everything the API would refuse in the upload dialog, by field. Empty when it can go. */
export function uploadProblems(form: UploadForm, now: Date = new Date()): UploadProblems {
  const problems: UploadProblems = {};
  const title = form.title.trim();
  if (!title) problems.title = "Give the video a title.";
  else if (title.length > TITLE_MAX) problems.title = `Keep the title to ${TITLE_MAX} characters (it has ${title.length}).`;
  else if (ANGLE.test(title)) problems.title = "YouTube does not allow < or > in a title.";

  const bytes = utf8Length(form.description.trim());
  if (bytes > DESCRIPTION_MAX_BYTES) {
    problems.description = `The description is ${bytes} bytes; YouTube takes ${DESCRIPTION_MAX_BYTES}.`;
  } else if (ANGLE.test(form.description)) problems.description = "YouTube does not allow < or > in a description.";

  const length = tagsLength(form.tags);
  if (length > TAGS_MAX) problems.tags = `Tags come to ${length} characters as YouTube counts them; the limit is ${TAGS_MAX}.`;
  else if (form.tags.some((t) => ANGLE.test(t))) problems.tags = "YouTube does not allow < or > in tags.";
  else if (form.tags.some((t) => t.length > TAG_MAX)) problems.tags = `A single tag can be at most ${TAG_MAX} characters.`;

  if (form.madeForKids === null) problems.madeForKids = "YouTube requires an answer: is this video made for kids?";

  if (form.schedule) {
    const iso = localInputToIso(form.schedule);
    if (!iso) problems.schedule = "Pick a date and time.";
    else if (form.privacy !== "private") problems.schedule = "A scheduled video must be uploaded as Private.";
    else if (Date.parse(iso) <= now.getTime() + 60_000) problems.schedule = "Pick a time in the future.";
  }
  return problems;
}
