// Where a library card leads and what it calls its video. The video JSON does not name the
// brief an ad was made from; the brief names its video, so the map runs that way round.
import type { ProductionVideo } from "@/lib/video-types";

export interface BriefLink {
  id: string;
  video_id?: string | null;
}

/** Video id → brief id, from the brief list (briefs without a video are left out). */
export function briefsByVideo(briefs: readonly BriefLink[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const brief of briefs) if (brief.video_id) map.set(brief.video_id, brief.id);
  return map;
}

export const KIND_LABEL: Readonly<Record<string, string>> = { music: "Music video", ad: "Ad" };

export function kindLabel(kind: string): string {
  return KIND_LABEL[kind] ?? kind.charAt(0).toUpperCase() + kind.slice(1);
}

/**
 * The page a video is worked on: an ad's brief (`/ads/{brief}`), a music video's own page.
 * An ad whose brief is gone (or not read) has no page of its own: null, the card is not a link.
 */
export function videoHref(video: Pick<ProductionVideo, "id" | "kind">, briefs: ReadonlyMap<string, string>): string | null {
  if (video.kind === "ad") {
    const brief = briefs.get(video.id);
    return brief ? `/ads/${brief}` : null;
  }
  return `/music/videos/${video.id}`;
}
