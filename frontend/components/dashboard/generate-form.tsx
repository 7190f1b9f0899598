"use client";

import { Loader2, Sparkles } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { toast } from "sonner";

import { DurationField } from "@/components/shell/duration-field";
import { StageProgress } from "@/components/tracks/stage-progress";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { api, unwrap } from "@/lib/api/client";
import { errorMessage } from "@/lib/api/errors";
import type { Track } from "@/lib/api/types";
import { cn } from "@/lib/utils";
import { useHydrated } from "@/lib/use-hydrated";
import { useTrackLive } from "@/lib/use-track-live";
import { uuidv4 } from "@/lib/uuid";
import { PROMPT_MAX, parseSeed, promptError } from "@/lib/validation";

const IDEAS = [
  "Slow rain on a tin roof, warm analog pads, distant thunder",
  "Deep ocean drift, soft sub bass, whale-song textures",
  "Lofi night study session, vinyl crackle, mellow Rhodes",
  "Misty pine forest at dawn, airy strings, birdsong",
];

/** What is shown while the request runs, before the first poll answers. */
const STARTING = { status: "generating", stage: null, progress: null } as const;

export function GenerateForm() {
  const router = useRouter();
  const ids = useId();
  const hydrated = useHydrated();
  const [prompt, setPrompt] = useState("");
  const [duration, setDuration] = useState(180);
  const [seedText, setSeedText] = useState("");
  const [touched, setTouched] = useState(false);
  const [job, setJob] = useState<{ id: string; track: Pick<Track, "status" | "stage" | "progress"> } | null>(null);

  const promptProblem = promptError(prompt);
  const { seed, error: seedProblem } = parseSeed(seedText);
  const showPromptProblem = touched && promptProblem !== null;

  // The POST runs the whole generation inline; this follows its stage and percent meanwhile,
  // from the track's event stream (polling when it fails: at first the track may not exist yet).
  useTrackLive(job?.id ?? "", job !== null, {
    accept: (event) => event.kind === "generate",
    onLive: (live) => setJob((j) => (j ? { ...j, track: live } : j)),
    onTrack: (track) => setJob((j) => (j && j.id === track.id ? { ...j, track } : j)),
  });

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (promptProblem || seedProblem) return;
    const id = uuidv4();
    setJob({ id, track: STARTING });
    try {
      const body = { id, prompt: prompt.trim(), duration, ...(seed !== null ? { seed } : {}) };
      const track = unwrap(await api.POST("/api/generate", { body }));
      toast.success("Your track is ready", { description: track.prompt });
      router.push(`/tracks/${track.id}`);
    } catch (error) {
      toast.error("Generation failed", { description: errorMessage(error) });
      setJob(null);
      router.refresh(); // a failed track is in the list now, with its retry button
    }
  }

  const busy = job !== null;
  return (
    <form onSubmit={submit} className="grid gap-6" aria-describedby={busy ? `${ids}-progress` : undefined}>
      <fieldset disabled={busy} className="grid gap-6 disabled:opacity-70">
        <div className="grid gap-2">
          <div className="flex items-baseline justify-between">
            <Label htmlFor={`${ids}-prompt`}>Prompt</Label>
            <span
              className={cn(
                "font-mono text-xs tabular-nums text-muted-foreground",
                prompt.length > PROMPT_MAX * 0.9 && "text-warning",
              )}
              aria-live="polite"
            >
              {prompt.length} / {PROMPT_MAX}
            </span>
          </div>
          <Textarea
            id={`${ids}-prompt`}
            name="prompt"
            value={prompt}
            maxLength={PROMPT_MAX}
            rows={4}
            placeholder="Describe a mood, a place, the sounds in it…"
            onChange={(e) => setPrompt(e.target.value)}
            onBlur={() => prompt !== "" && setTouched(true)}
            aria-invalid={showPromptProblem || undefined}
            aria-describedby={`${ids}-prompt-help`}
          />
          <p id={`${ids}-prompt-help`} className={cn("text-xs text-muted-foreground", showPromptProblem && "text-destructive")}>
            {showPromptProblem ? promptProblem : "10–500 characters. Words like rain, ocean or wind steer the textures."}
          </p>
          <div role="group" className="flex flex-wrap gap-1.5" aria-label="Prompt ideas">
            {IDEAS.map((idea) => (
              <button
                key={idea}
                type="button"
                onClick={() => setPrompt(idea)}
                className="rounded-full border bg-background/40 px-2.5 py-1 text-xs text-muted-foreground transition-colors outline-none hover:border-primary/40 hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring"
              >
                {idea.split(",")[0]}
              </button>
            ))}
          </div>
        </div>

        <DurationField label="Duration" value={duration} onChange={setDuration} testId="duration-value" name="duration" />

        <div className="grid gap-2 sm:max-w-56">
          <Label htmlFor={`${ids}-seed`}>
            Seed <span className="font-normal text-muted-foreground">(optional)</span>
          </Label>
          <Input
            id={`${ids}-seed`}
            name="seed"
            inputMode="numeric"
            autoComplete="off"
            placeholder="Random"
            value={seedText}
            onChange={(e) => setSeedText(e.target.value)}
            aria-invalid={seedProblem ? true : undefined}
            aria-describedby={`${ids}-seed-help`}
          />
          <p id={`${ids}-seed-help`} className={cn("text-xs text-muted-foreground", seedProblem && "text-destructive")}>
            {seedProblem ?? "The same prompt and seed give the same track."}
          </p>
        </div>
      </fieldset>

      {job && <StageProgress id={`${ids}-progress`} track={job.track} />}

      <Button type="submit" size="lg" disabled={busy || !hydrated} className="w-full sm:w-auto sm:justify-self-start">
        {busy ? <Loader2 className="animate-spin" aria-hidden /> : <Sparkles aria-hidden />}
        {busy ? "Generating…" : "Generate track"}
      </Button>
    </form>
  );
}
