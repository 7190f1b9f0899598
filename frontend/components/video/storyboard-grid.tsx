"use client";

import { CheckCheck, Loader2 } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { aspectLook } from "@/lib/aspect";
import { count } from "@/lib/music-timeline";
import { reached } from "@/lib/video-types";

import { SceneCard } from "./scene-card";
import { StepBar } from "./step-status";
import type { Production } from "./use-production";

/** The storyboard: one card per scene, then "Approve storyboard" once the pictures are right. */
export function StoryboardGrid({ production }: { production: Production }) {
  const { video, busy, progress } = production;
  // A finalized video keeps only its output: the stills that made it are gone.
  if (video.scenes.length === 0 || video.status === "finalized") return null;
  const locked = reached(video.status, "composed"); // motion is made from these stills
  const disabled = busy !== null || locked;
  const approved = video.scenes.filter((s) => s.approved).length;
  const look = aspectLook(video.aspect);

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Storyboard</h2>
        </CardTitle>
        <CardDescription>
          {count(video.scenes.length, "scene")}, {approved} approved.{" "}
          {locked ? "The video was made from these stills." : "Fix the pictures here, before any motion is made."}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid grid-cols-1 gap-4">
        {busy?.what === "repaint" && (
          <div aria-live="polite">
            <StepBar progress={progress} label="Painting" fallback="Painting the still" />
          </div>
        )}
        <ul
          className={look.grid}
          aria-label="Scenes"
          data-testid="storyboard"
        >
          {video.scenes.map((scene) => (
            <SceneCard
              // A repainted still is a new picture: a fresh card drops any half-edited words.
              key={`${scene.index}-${scene.seed}-${scene.prompt}`}
              scene={scene}
              sectionLabel={video.sections[scene.section_index]?.label ?? "Section"}
              aspect={look.key}
              disabled={disabled}
              working={(busy?.what === "repaint" || busy?.what === "approve") && busy.index === scene.index}
              onApprove={() => void production.approveScene(scene.index)}
              onRepaint={(body) => void production.repaint(scene.index, body)}
            />
          ))}
        </ul>
        {!locked && (
          <Button
            type="button"
            className="justify-self-start"
            disabled={disabled || video.status === "approved"}
            onClick={() => void production.approveAll()}
          >
            {busy?.what === "approve" && busy.index === undefined ? <Loader2 className="animate-spin" aria-hidden /> : <CheckCheck aria-hidden />}
            {video.status === "approved" ? "Storyboard approved" : "Approve storyboard"}
          </Button>
        )}
      </CardContent>
    </Card>
  );
}
