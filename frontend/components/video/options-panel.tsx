"use client";

import { Loader2, Wand2 } from "lucide-react";
import { useId, useState } from "react";

import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { RadioGroup, RadioTile } from "@/components/ui/radio-group";
import { VIDEO_TYPES, type VideoType, reached, readOptions } from "@/lib/video-types";

import { StepBar } from "./step-status";
import type { Production } from "./use-production";

const OVERLAY_MAX = 100;

/**
 * How the video is made: its type (the suggestion and its reasons preselected), the title and
 * call to action over the first and last seconds, captions and loudness; then the storyboard,
 * with the planner's and painter's progress live. The options are saved with "Make storyboard"
 * (or on their own once the storyboard exists).
 */
export function OptionsPanel({ production }: { production: Production }) {
  const ids = useId();
  const { video, busy, progress } = production;
  const saved = readOptions(video.options);
  const suggested = video.suggested_type;
  const [type, setType] = useState<VideoType>(video.video_type ?? suggested?.type ?? "scenery");
  const [title, setTitle] = useState(saved.title);
  const [cta, setCta] = useState(saved.cta);
  const [captions, setCaptions] = useState(saved.captions ?? type === "lyric");
  const [loudnorm, setLoudnorm] = useState(saved.loudnorm);

  const composed = reached(video.status, "composed");
  const frozen = video.status === "finalized";
  const planned = video.clips.length > 0;
  const hasStoryboard = video.scenes.length > 0;
  const working = busy !== null;
  const typeChanged = type !== video.video_type;

  const changes = () => ({
    ...(typeChanged && !composed ? { video_type: type } : {}),
    title: title.trim(),
    cta: cta.trim(),
    captions,
    loudnorm,
  });

  async function makeStoryboard() {
    if (!(await production.setOptions(changes(), "Options saved."))) return;
    await production.storyboard(hasStoryboard && !typeChanged);
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Video type and storyboard</h2>
        </CardTitle>
        <CardDescription>
          The type steers the scene plan; one still per scene comes next, to approve before any motion is made.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid grid-cols-1 gap-5">
        <fieldset className="grid grid-cols-1 gap-2" disabled={working || composed}>
          <legend className="mb-2 text-sm font-medium">Video type</legend>
          <RadioGroup value={type} onValueChange={(v) => setType(v as VideoType)} className="grid-cols-1 sm:grid-cols-2">
            {VIDEO_TYPES.map((t) => (
              <RadioTile
                key={t.value}
                id={`${ids}-${t.value}`}
                value={t.value}
                label={suggested?.type === t.value ? `${t.label} (suggested)` : t.label}
                hint={t.hint}
              />
            ))}
          </RadioGroup>
          {suggested && suggested.reasons.length > 0 && (
            <p className="text-xs text-muted-foreground" data-testid="type-reasons">
              Suggested because {suggested.reasons.join("; ")}.
            </p>
          )}
          {typeChanged && hasStoryboard && !composed && (
            <p className="text-xs text-warning">A new type plans the scenes again: this storyboard will be replaced.</p>
          )}
        </fieldset>
        <fieldset className="grid grid-cols-1 gap-3 sm:grid-cols-2" disabled={working || frozen}>
          <legend className="mb-2 text-sm font-medium">Text and sound</legend>
          <div className="grid gap-1.5">
            <Label htmlFor={`${ids}-title`}>Title (first seconds)</Label>
            <Input id={`${ids}-title`} value={title} maxLength={OVERLAY_MAX} onChange={(e) => setTitle(e.target.value)} placeholder="None" />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor={`${ids}-cta`}>Call to action (last seconds)</Label>
            <Input id={`${ids}-cta`} value={cta} maxLength={OVERLAY_MAX} onChange={(e) => setCta(e.target.value)} placeholder="None" />
          </div>
          <div className="flex items-center gap-2">
            <Checkbox id={`${ids}-captions`} checked={captions} onCheckedChange={(v) => setCaptions(v === true)} />
            <Label htmlFor={`${ids}-captions`}>Lyrics as captions</Label>
          </div>
          <div className="flex items-center gap-2">
            <Checkbox id={`${ids}-loud`} checked={loudnorm} onCheckedChange={(v) => setLoudnorm(v === true)} />
            <Label htmlFor={`${ids}-loud`}>Normalise loudness to −14 LUFS</Label>
          </div>
        </fieldset>
        <div className="flex flex-wrap items-center gap-2">
          {!composed && (
            <Button type="button" disabled={working || !planned} onClick={() => void makeStoryboard()}>
              {busy?.what === "storyboard" ? <Loader2 className="animate-spin" aria-hidden /> : <Wand2 aria-hidden />}
              {hasStoryboard ? "Make storyboard again" : "Make storyboard"}
            </Button>
          )}
          {(hasStoryboard || composed) && !frozen && (
            <Button
              type="button"
              variant="outline"
              disabled={working}
              onClick={() => void production.setOptions(changes(), "Options saved; they apply when the video is next composed.")}
            >
              Save options
            </Button>
          )}
          {!planned && <span className="text-sm text-muted-foreground">Plan the clips first: one scene is made per clip.</span>}
        </div>
        {busy?.what === "storyboard" && (
          <div aria-live="polite">
            <StepBar progress={progress} label="Storyboard" fallback="Planning the scenes" />
          </div>
        )}
      </CardContent>
    </Card>
  );
}
