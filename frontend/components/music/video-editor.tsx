"use client";

import { AlertTriangle, Loader2, Scissors, Sparkles } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { count, formatTime } from "@/lib/music-timeline";
import type { Video } from "@/lib/music-types";

import { BoundaryHandles } from "./boundary-handles";
import { ClipPlan } from "./clip-plan";
import { GridControls } from "./grid-controls";
import { SectionList } from "./section-list";
import { SongAudio } from "./song-audio";
import { Timeline } from "./timeline";
import { usePlayhead } from "./use-playhead";
import { useVideoEdits } from "./use-video-edits";

/**
 * The section editor: the song's timeline with the video's grid and sections, boundaries to
 * drag or step with the keyboard, split at the playhead, merge, relabel and note, the grid
 * corrections, and the clip plan drawn underneath. Refusals (422) are read out and shown here.
 */
export function VideoEditor({
  initial,
  audioUrl,
  energyBeats,
  energy,
  onChange,
}: {
  initial: Video;
  audioUrl: string | null;
  energyBeats: number[];
  energy: number[];
  /** Told of every edit's answer (the production steps below read the same video). */
  onChange?: (video: Video) => void;
}) {
  const { video, outcome, pending, editSections, editGrid, planClips } = useVideoEdits(initial, onChange);
  const { current, seek, bind } = usePlayhead();
  const { grid, sections, duration } = video;

  const moved = (index: number) => (v: Video) => {
    const s = v.sections[index];
    return s ? `Section ${index + 1} now starts at ${formatTime(s.start)}.` : "Sections updated.";
  };

  return (
    <div className="grid grid-cols-1 gap-6">
      <Card>
        <CardHeader>
          <CardTitle>Sections</CardTitle>
          <CardDescription>
            Drag a boundary (it snaps to the nearest bar line; hold Shift for any beat) or focus it and use the arrow keys
            (a beat) or Page Up/Down (a bar).
          </CardDescription>
        </CardHeader>
        <CardContent className="grid grid-cols-1 gap-3">
          <Timeline
            duration={duration}
            beats={grid.beats}
            downbeats={grid.downbeats}
            energyBeats={energyBeats}
            energy={energy}
            sections={sections}
            playhead={current}
            onSeek={seek}
          >
            <BoundaryHandles
              grid={grid}
              sections={sections}
              duration={duration}
              disabled={pending}
              onMove={(index, at, anyBeat) => void editSections({ op: "move", index, at, any_beat: anyBeat }, moved(index))}
            />
          </Timeline>
          <ClipPlan clips={video.clips} duration={duration} />
          <div aria-live="assertive" className="min-h-5 text-sm" data-testid="editor-message">
            {outcome.error ? (
              <p role="alert" className="flex items-start gap-2 text-destructive">
                <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
                {outcome.error}
              </p>
            ) : (
              <p className="text-muted-foreground">{outcome.status}</p>
            )}
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <Button
              type="button"
              variant="outline"
              size="sm"
              disabled={pending}
              onClick={() => void editSections({ op: "split", at: current }, () => `Split at ${formatTime(current)}.`)}
            >
              <Scissors aria-hidden /> Split at playhead ({formatTime(current)})
            </Button>
            <Button type="button" size="sm" disabled={pending} onClick={() => void planClips()}>
              {pending ? <Loader2 className="animate-spin" aria-hidden /> : <Sparkles aria-hidden />}
              Plan clips
            </Button>
            {video.clips.length > 0 && (
              <span className="text-xs text-muted-foreground">{count(video.clips.length, "clip")} of 3–10 s, cut on beats</span>
            )}
          </div>
          <SongAudio src={audioUrl} bind={bind} />
        </CardContent>
      </Card>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1.6fr)_minmax(0,1fr)]">
        <Card>
          <CardHeader>
            <CardTitle>Labels and notes</CardTitle>
          </CardHeader>
          <CardContent>
            <SectionList
              sections={sections}
              disabled={pending}
              onRelabel={(index, label) => void editSections({ op: "relabel", index, label }, () => `Section ${index + 1} is now “${label}”.`)}
              onNote={(index, note) => void editSections({ op: "note", index, note }, () => `Note saved for section ${index + 1}.`)}
              onMerge={(index) => void editSections({ op: "merge", index }, () => `Sections ${index + 1} and ${index + 2} merged.`)}
            />
          </CardContent>
        </Card>
        <Card className="self-start">
          <CardHeader>
            <CardTitle>Beat grid</CardTitle>
            <CardDescription>Sections move with the grid; a clip plan is redone.</CardDescription>
          </CardHeader>
          <CardContent>
            <GridControls
              key={`${grid.beats_per_bar}`}
              grid={grid}
              disabled={pending}
              onEdit={(edit, said) => void editGrid(edit, (v) => `${said}: ${v.grid.tempo.toFixed(1)} BPM.`)}
            />
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
