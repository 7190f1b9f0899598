"use client";

import { Layers, Loader2, Settings } from "lucide-react";
import Link from "next/link";
import { useId, useRef, useState } from "react";

import { DurationField } from "@/components/shell/duration-field";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { RadioGroup, RadioTile } from "@/components/ui/radio-group";
import { Textarea } from "@/components/ui/textarea";
import { PRIVACY_OPTIONS, type BatchCreate, type Privacy } from "@/lib/api/types";
import { BATCH_MAX, parsePromptLines } from "@/lib/batch";
import { cn } from "@/lib/utils";
import { useHydrated } from "@/lib/use-hydrated";
import { uuidv4 } from "@/lib/uuid";
import { PRIVACY_HINT, PRIVACY_LABEL, type YouTubeConnection } from "@/lib/youtube";

const EXAMPLE = [
  "Slow rain on a tin roof, warm analog pads",
  "Deep ocean drift at night, soft sub bass",
  "Misty pine forest at dawn, airy strings",
].join("\n");

function excerpt(text: string, max = 36): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Why uploading is not on offer, or null when it is. */
function uploadBlocker(youtube: YouTubeConnection | null): string | null {
  if (!youtube) return "The YouTube connection could not be checked; reload to try again.";
  if (!youtube.configured) return "YouTube is not set up on this studio; Settings explains what to configure.";
  if (!youtube.connected) return "Connect a YouTube channel in Settings to upload.";
  if (youtube.needsReconnect) return "YouTube needs you to reconnect in Settings before uploading.";
  return null;
}

/**
 * Up to ten prompts, one per line, checked here before anything is sent (with the line that
 * is wrong), plus the length and what to do with each track: render it, upload it.
 */
export function BatchForm({
  youtube,
  busy,
  onStart,
}: {
  youtube: YouTubeConnection | null;
  busy: boolean;
  onStart: (body: BatchCreate & { id: string }) => Promise<boolean>;
}) {
  const ids = useId();
  const hydrated = useHydrated();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState("");
  const [duration, setDuration] = useState(120);
  const [render, setRender] = useState(true);
  const [upload, setUpload] = useState(false);
  const [privacy, setPrivacy] = useState<Privacy>("private");
  const [madeForKids, setMadeForKids] = useState<boolean | null>(null);
  const [synthetic, setSynthetic] = useState(true);
  const [attempted, setAttempted] = useState(false);

  const parsed = parsePromptLines(text);
  const count = parsed.prompts.length;
  const tooMany = count > BATCH_MAX;
  const showProblems = attempted || tooMany;
  const promptsInvalid = parsed.countError !== null || parsed.problems.length > 0;
  const blocker = uploadBlocker(youtube);
  const uploading = upload && blocker === null;
  const kidsMissing = uploading && madeForKids === null;

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setAttempted(true);
    if (promptsInvalid) {
      textarea.current?.focus();
      return;
    }
    if (kidsMissing) return;
    const body: BatchCreate & { id: string } = {
      id: uuidv4(),
      prompts: parsed.prompts.map((p) => p.text),
      duration,
      render: render || uploading,
      ...(uploading
        ? { upload: { privacy, made_for_kids: madeForKids === true, contains_synthetic_media: synthetic, category: "10" } }
        : {}),
    };
    if (await onStart(body)) setAttempted(false);
  }

  return (
    <form onSubmit={submit} noValidate className="grid gap-6 lg:grid-cols-[minmax(0,1.35fr)_minmax(0,1fr)] lg:gap-8">
      <fieldset disabled={busy} className="grid content-start gap-2 disabled:opacity-70">
        <div className="flex items-baseline justify-between gap-3">
          <Label htmlFor={`${ids}-prompts`}>Prompts, one per line</Label>
          <span
            className={cn("font-mono text-xs text-muted-foreground tabular-nums", tooMany && "text-destructive")}
            data-testid="batch-count"
            aria-live="polite"
          >
            {count} / {BATCH_MAX} prompts
          </span>
        </div>
        <Textarea
          ref={textarea}
          id={`${ids}-prompts`}
          name="prompts"
          value={text}
          rows={10}
          spellCheck
          placeholder={EXAMPLE}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={(showProblems && promptsInvalid) || undefined}
          aria-describedby={`${ids}-prompts-help`}
          className="min-h-56 resize-y"
        />
        <div id={`${ids}-prompts-help`}>
          {showProblems && promptsInvalid ? (
            <div role="alert" className="grid gap-1 text-xs text-destructive" data-testid="batch-problems">
              {parsed.countError && <p>{parsed.countError}</p>}
              {parsed.problems.length > 0 && (
                <ul className="grid gap-0.5">
                  {parsed.problems.map((p) => (
                    <li key={p.line}>
                      <span className="font-medium">Line {p.line}</span>{" "}
                      <span className="text-muted-foreground">&ldquo;{excerpt(p.text)}&rdquo;</span> {p.message}.
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ) : (
            <p className="text-xs text-muted-foreground">
              Each line becomes one track, 10–500 characters; blank lines are skipped. They are made in order.
            </p>
          )}
        </div>
      </fieldset>

      <fieldset disabled={busy} className="grid content-start gap-6 disabled:opacity-70">
        <DurationField label="Length of each track" value={duration} onChange={setDuration} testId="batch-duration-value" disabled={busy} />

        <div className="grid gap-4">
          <div className="flex items-start gap-3">
            <Checkbox
              id={`${ids}-render`}
              checked={render || uploading}
              disabled={uploading}
              onCheckedChange={(c) => setRender(c === true)}
              className="mt-0.5"
            />
            <div className="grid gap-1">
              <Label htmlFor={`${ids}-render`}>Render videos</Label>
              <p className="text-xs text-muted-foreground">
                {uploading ? "Uploading needs the videos, so they are rendered." : "A 1080p video of each track, from its cover art."}
              </p>
            </div>
          </div>

          <div className="flex items-start gap-3">
            <Checkbox
              id={`${ids}-upload`}
              checked={uploading}
              disabled={blocker !== null}
              onCheckedChange={(c) => setUpload(c === true)}
              className="mt-0.5"
              aria-describedby={`${ids}-upload-help`}
            />
            <div className="grid gap-1">
              <Label htmlFor={`${ids}-upload`}>Upload to YouTube</Label>
              <p id={`${ids}-upload-help`} className="text-xs text-muted-foreground" data-testid="batch-upload-hint">
                {blocker ? (
                  <>
                    {blocker}{" "}
                    <Link href="/settings" className="inline-flex items-center gap-1 text-primary hover:underline">
                      <Settings className="size-3" aria-hidden /> Settings
                    </Link>
                  </>
                ) : (
                  <>
                    To {youtube?.channel ?? "your channel"}, with each track&rsquo;s suggested title, description and
                    tags.
                  </>
                )}
              </p>
            </div>
          </div>

          {uploading && (
            <div className="grid gap-4 rounded-xl border bg-background/20 p-3.5" data-testid="batch-upload-options">
              <fieldset className="grid gap-2">
                <legend className="mb-2 text-sm font-medium">Visibility</legend>
                <RadioGroup
                  value={privacy}
                  onValueChange={(v) => setPrivacy(v as Privacy)}
                  className="grid-cols-1 sm:grid-cols-3 lg:grid-cols-1 xl:grid-cols-3"
                  aria-label="Visibility"
                >
                  {PRIVACY_OPTIONS.map((p) => (
                    <RadioTile key={p} id={`${ids}-privacy-${p}`} value={p} label={PRIVACY_LABEL[p]} hint={PRIVACY_HINT[p]} />
                  ))}
                </RadioGroup>
              </fieldset>
              <fieldset className="grid gap-2">
                <legend className="mb-2 text-sm font-medium">
                  Made for kids? <span className="font-normal text-muted-foreground">(required)</span>
                </legend>
                <RadioGroup
                  value={madeForKids === null ? "" : madeForKids ? "yes" : "no"}
                  onValueChange={(v) => setMadeForKids(v === "yes")}
                  className="grid-cols-2"
                  aria-label="Made for kids"
                  aria-required
                  aria-invalid={(attempted && kidsMissing) || undefined}
                >
                  <RadioTile id={`${ids}-kids-no`} value="no" label="No" invalid={attempted && kidsMissing} />
                  <RadioTile id={`${ids}-kids-yes`} value="yes" label="Yes" invalid={attempted && kidsMissing} />
                </RadioGroup>
                <p className={cn("text-xs text-muted-foreground", attempted && kidsMissing && "text-destructive")} role={attempted && kidsMissing ? "alert" : undefined}>
                  {attempted && kidsMissing
                    ? "YouTube requires an answer for every video: are these made for kids?"
                    : "YouTube requires this answer (COPPA) for every video."}
                </p>
              </fieldset>
              <div className="flex items-start gap-3">
                <Checkbox
                  id={`${ids}-synthetic`}
                  checked={synthetic}
                  onCheckedChange={(c) => setSynthetic(c === true)}
                  className="mt-0.5"
                />
                <div className="grid gap-1">
                  <Label htmlFor={`${ids}-synthetic`}>Contains altered or synthetic content</Label>
                  <p className="text-xs text-muted-foreground">AI-generated music and art; YouTube asks for the disclosure.</p>
                </div>
              </div>
            </div>
          )}
        </div>

        <Button type="submit" size="lg" disabled={busy || !hydrated} className="w-full sm:w-auto sm:justify-self-start">
          {busy ? <Loader2 className="animate-spin" aria-hidden /> : <Layers aria-hidden />}
          {busy ? "Batch running…" : count > 1 && !tooMany ? `Start batch · ${count} tracks` : "Start batch"}
        </Button>
      </fieldset>
    </form>
  );
}
