"use client";

import { count, formatTime } from "@/lib/music-timeline";
import type { LyricsInfo } from "@/lib/lyrics";
import type { SongAnalysis } from "@/lib/music-types";

import { LyricsLane } from "./lyrics-lane";
import { SongAudio } from "./song-audio";
import { Timeline } from "./timeline";
import { usePlayhead } from "./use-playhead";

/** The analysed song on its timeline, with a player whose position is the playhead. */
export function SongView({ audioUrl, analysis, lyrics }: { audioUrl: string | null; analysis: SongAnalysis; lyrics?: LyricsInfo }) {
  const { current, seek, bind } = usePlayhead();
  return (
    <div className="grid grid-cols-1 gap-3">
      <Timeline
        duration={analysis.duration}
        beats={analysis.beats}
        downbeats={analysis.downbeats}
        energyBeats={analysis.beats}
        energy={analysis.energy}
        sections={analysis.sections}
        playhead={current}
        onSeek={seek}
      />
      {lyrics && <LyricsLane info={lyrics} duration={analysis.duration} current={current} onSeek={seek} />}
      <div className="flex flex-wrap justify-between gap-2 text-xs text-muted-foreground">
        <span>
          {count(analysis.beats.length, "beat")} · {count(analysis.downbeats.length, "bar line")} ·{" "}
          {count(analysis.sections.length, "section")}
        </span>
        <span className="font-mono tabular-nums">
          {formatTime(current)} / {formatTime(analysis.duration)}
        </span>
      </div>
      <SongAudio src={audioUrl} bind={bind} />
    </div>
  );
}
