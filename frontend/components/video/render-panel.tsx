"use client";

import { Clapperboard, Loader2 } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { reached } from "@/lib/video-types";

import { ClipTiles } from "./clip-tiles";
import { StepBar } from "./step-status";
import type { Production } from "./use-production";

/** "Make video": motion for every clip, then the composition on the song, both live. */
export function RenderPanel({ production }: { production: Production }) {
  const { video, busy, progress, clips } = production;
  if (!reached(video.status, "approved")) return null;
  const rendering = busy?.what === "render" || busy?.what === "regenerate";
  const composed = reached(video.status, "composed");
  const someMissing = clips.some((c) => c.status !== "ready");

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Clips</h2>
        </CardTitle>
        <CardDescription>
          Motion is made from each approved still, then the clips are cut together on the beats with the song as the sound.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid grid-cols-1 gap-4">
        {(!composed || (someMissing && video.status !== "finalized")) && (
          <Button type="button" className="justify-self-start" disabled={busy !== null} onClick={() => void production.render()}>
            {busy?.what === "render" ? <Loader2 className="animate-spin" aria-hidden /> : <Clapperboard aria-hidden />}
            {composed ? "Make the missing clips" : "Make video"}
          </Button>
        )}
        {rendering && (
          <div aria-live="polite">
            <StepBar progress={progress} label="Making the video" fallback="Making the clips" />
          </div>
        )}
        <ClipTiles clips={clips} running={rendering} />
      </CardContent>
    </Card>
  );
}
