"use client";

import { Check, Loader2, Pencil, RefreshCw } from "lucide-react";
import { useId, useState } from "react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { aspectLook } from "@/lib/aspect";
import { mediaSrc } from "@/lib/media";
import type { Scene } from "@/lib/video-types";
import { cn } from "@/lib/utils";

const WORDS_MIN = 3;
const WORDS_MAX = 500;

/** Which clips a scene is shown in, "clip 3" or "clips 3–5" (counted from 1). */
export function clipsText(indices: readonly number[]): string {
  if (indices.length === 0) return "no clip";
  const sorted = [...indices].sort((a, b) => a - b);
  const first = sorted[0]! + 1;
  const last = sorted[sorted.length - 1]! + 1;
  if (first === last) return `clip ${first}`;
  const contiguous = last - first + 1 === sorted.length;
  return contiguous ? `clips ${first}–${last}` : `clips ${sorted.map((i) => i + 1).join(", ")}`;
}

/**
 * One scene of the storyboard: its still, its words, its motion and the clips it is shown
 * in; approve it, paint it again with a new seed, or edit its words and paint again.
 */
export function SceneCard({
  scene,
  sectionLabel,
  aspect,
  disabled,
  working,
  onApprove,
  onRepaint,
}: {
  scene: Scene;
  sectionLabel: string;
  /** The video's aspect as the API writes it ("16:9", "9:16", "1:1"). */
  aspect: string;
  disabled: boolean;
  /** This scene's own call is running (its button shows the spinner). */
  working: boolean;
  onApprove: () => void;
  onRepaint: (body: { prompt?: string; seed?: number }) => void;
}) {
  const ids = useId();
  const [editing, setEditing] = useState(false);
  const [words, setWords] = useState(scene.prompt);
  const length = words.trim().length;
  const valid = length >= WORDS_MIN && length <= WORDS_MAX;
  const name = `Scene ${scene.index + 1}`;
  const look = aspectLook(aspect);
  const still = mediaSrc(scene.still_url);

  return (
    <li className="grid grid-cols-1 content-start gap-3 rounded-xl border bg-card/60 p-3" data-testid="scene-card" aria-label={name}>
      <div className={cn("relative overflow-hidden rounded-lg bg-muted", look.ratio, look.still)}>
        {still ? (
          // Signed, expiring links to the API's media: a plain <img>, as the covers do.
          // eslint-disable-next-line @next/next/no-img-element
          <img src={still} alt={`${name}: ${scene.prompt}`} className="size-full object-cover" loading="lazy" decoding="async" />
        ) : (
          <div className="grid size-full place-items-center text-xs text-muted-foreground">No still yet</div>
        )}
        {working && (
          <div className="absolute inset-0 grid place-items-center bg-background/60">
            <Loader2 className="size-6 animate-spin" aria-hidden />
          </div>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <h3 className="font-medium">{name}</h3>
        <span className="text-muted-foreground">
          {sectionLabel} · {clipsText(scene.clip_indices)}
        </span>
        {scene.approved ? (
          <Badge variant="ready">
            <Check aria-hidden /> Approved
          </Badge>
        ) : (
          <Badge variant="outline">To approve</Badge>
        )}
      </div>
      {editing ? (
        <div className="grid gap-1.5">
          <Label htmlFor={`${ids}-words`}>Words of {name.toLowerCase()}</Label>
          <Textarea
            id={`${ids}-words`}
            rows={3}
            value={words}
            maxLength={WORDS_MAX}
            onChange={(e) => setWords(e.target.value)}
            aria-invalid={valid ? undefined : true}
            aria-describedby={`${ids}-help`}
          />
          <p id={`${ids}-help`} className={cn("text-xs text-muted-foreground", !valid && "text-destructive")}>
            {WORDS_MIN}–{WORDS_MAX} characters.
          </p>
        </div>
      ) : (
        <p className="text-sm" data-testid="scene-words">
          {scene.prompt}
        </p>
      )}
      <p className="text-xs text-muted-foreground">
        Motion: {scene.motion || "still"} · {scene.framing} · {scene.transition} in
      </p>
      <div className="flex flex-wrap gap-2">
        {editing ? (
          <>
            <Button
              type="button"
              size="sm"
              disabled={disabled || !valid}
              onClick={() => {
                onRepaint({ prompt: words.trim() });
                setEditing(false);
              }}
            >
              <RefreshCw aria-hidden /> Paint with these words
            </Button>
            <Button
              type="button"
              size="sm"
              variant="ghost"
              onClick={() => {
                setWords(scene.prompt);
                setEditing(false);
              }}
            >
              Cancel
            </Button>
          </>
        ) : (
          <>
            {!scene.approved && (
              <Button type="button" size="sm" disabled={disabled} onClick={onApprove} aria-label={`Approve ${name.toLowerCase()}`}>
                <Check aria-hidden /> Approve
              </Button>
            )}
            <Button
              type="button"
              size="sm"
              variant="outline"
              disabled={disabled}
              onClick={() => onRepaint({})}
              aria-label={`Repaint ${name.toLowerCase()} with a new seed`}
            >
              <RefreshCw aria-hidden /> New seed
            </Button>
            <Button
              type="button"
              size="sm"
              variant="outline"
              disabled={disabled}
              onClick={() => setEditing(true)}
              aria-label={`Edit words of ${name.toLowerCase()}`}
            >
              <Pencil aria-hidden /> Edit words
            </Button>
          </>
        )}
      </div>
    </li>
  );
}
