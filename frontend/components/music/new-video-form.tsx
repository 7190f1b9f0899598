"use client";

import { Clapperboard, Loader2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";

import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { RadioGroup, RadioTile } from "@/components/ui/radio-group";
import { Textarea } from "@/components/ui/textarea";
import { api, unwrap } from "@/lib/api/client";
import { errorMessage } from "@/lib/api/errors";
import type { Aspect } from "@/lib/music-types";
import { cn } from "@/lib/utils";
import { useHydrated } from "@/lib/use-hydrated";
import { PROMPT_MAX, PROMPT_MIN } from "@/lib/validation";

/** A music-video project for this song: what it should look like and its shape. */
export function NewVideoForm({ songId }: { songId: string }) {
  const ids = useId();
  const router = useRouter();
  const hydrated = useHydrated();
  const [prompt, setPrompt] = useState("");
  const [aspect, setAspect] = useState<Aspect>("16:9");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const length = prompt.trim().length;

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (length < PROMPT_MIN || length > PROMPT_MAX) {
      setProblem(`Describe the video in ${PROMPT_MIN}–${PROMPT_MAX} characters.`);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const video = unwrap(await api.POST("/api/videos", { body: { song_id: songId, prompt: prompt.trim(), aspect } }));
      router.push(`/music/videos/${video.id}`);
    } catch (error) {
      setProblem(errorMessage(error));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="grid grid-cols-1 gap-4">
      <div className="grid grid-cols-1 gap-2">
        <div className="flex items-baseline justify-between">
          <Label htmlFor={`${ids}-prompt`}>Video prompt</Label>
          <span className="font-mono text-xs text-muted-foreground tabular-nums">
            {prompt.length} / {PROMPT_MAX}
          </span>
        </div>
        <Textarea
          id={`${ids}-prompt`}
          value={prompt}
          rows={3}
          maxLength={PROMPT_MAX}
          disabled={busy}
          placeholder="What the video shows: places, light, motion…"
          onChange={(e) => setPrompt(e.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${ids}-help`}
        />
        <p id={`${ids}-help`} role={problem ? "alert" : undefined} className={cn("text-xs text-muted-foreground", problem && "text-destructive")}>
          {problem ?? `${PROMPT_MIN}–${PROMPT_MAX} characters.`}
        </p>
      </div>
      <fieldset className="grid grid-cols-1 gap-2" disabled={busy}>
        <legend className="mb-2 text-sm font-medium">Aspect</legend>
        <RadioGroup value={aspect} onValueChange={(v) => setAspect(v as Aspect)} className="grid-cols-2">
          <RadioTile id={`${ids}-wide`} value="16:9" label="16:9" hint="Landscape, for YouTube" />
          <RadioTile id={`${ids}-tall`} value="9:16" label="9:16" hint="Portrait, for Shorts" />
        </RadioGroup>
      </fieldset>
      <Button type="submit" disabled={busy || !hydrated} className="justify-self-start">
        {busy ? <Loader2 className="animate-spin" aria-hidden /> : <Clapperboard aria-hidden />}
        Create video
      </Button>
    </form>
  );
}
