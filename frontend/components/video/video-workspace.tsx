"use client";

import { VideoEditor } from "@/components/music/video-editor";
import type { LyricsInfo } from "@/lib/lyrics";
import type { YouTubeConnection } from "@/lib/youtube";
import { type ProductionVideo, reached } from "@/lib/video-types";

import { OptionsPanel } from "./options-panel";
import { RenderPanel } from "./render-panel";
import { ResultCard } from "./result-card";
import { StoryboardGrid } from "./storyboard-grid";
import { ProductionStatus } from "./step-status";
import { useProduction } from "./use-production";

/**
 * The whole video page below its header: the section editor and clip plan, then production
 * in order — type and options, storyboard, clips, the composed video to review, finalize and
 * share. The editor and the steps read one video: an edit's answer (a new clip plan, a
 * storyboard dropped) reaches the steps at once.
 */
export function VideoWorkspace({
  initial,
  audioUrl,
  energyBeats,
  energy,
  lyrics,
  youtube = null,
}: {
  initial: ProductionVideo;
  audioUrl: string | null;
  energyBeats: number[];
  energy: number[];
  lyrics: LyricsInfo | null;
  /** The YouTube connection, for the upload button; null when it could not be read. */
  youtube?: YouTubeConnection | null;
}) {
  const production = useProduction(initial);
  const { video, outcome } = production;
  const player = video.output && (
    <ResultCard title="The video" redo="the clip or section" production={production} lyrics={lyrics} youtube={youtube} />
  );

  return (
    <div className="grid grid-cols-1 gap-6">
      {/* Once composed, the timeline changes only by regenerating a clip or a section. */}
      {!reached(video.status, "composed") && (
        <VideoEditor initial={initial} audioUrl={audioUrl} energyBeats={energyBeats} energy={energy} onChange={production.setVideo} />
      )}
      <section aria-label="Production" className="grid grid-cols-1 gap-6">
        <ProductionStatus video={video} outcome={outcome} />
        {/* Once there is a video, it is what the creator came back for: first. */}
        {player}
        {video.status !== "finalized" && <OptionsPanel production={production} />}
        <StoryboardGrid production={production} />
        <RenderPanel production={production} />
      </section>
    </div>
  );
}
