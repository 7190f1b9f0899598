"use client";

import { CalendarClock, Loader2, Settings, Upload } from "lucide-react";
import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { toast } from "sonner";

import { Notice } from "@/components/shell/notice";
import { StageProgress } from "@/components/tracks/stage-progress";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import {
  Dialog,
  DialogBody,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Input, fieldClass } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { RadioGroup, RadioTile } from "@/components/ui/radio-group";
import { Skeleton } from "@/components/ui/skeleton";
import { Textarea } from "@/components/ui/textarea";
import { api, unwrap } from "@/lib/api/client";
import { ApiError, errorMessage } from "@/lib/api/errors";
import { PRIVACY_OPTIONS, type Privacy, type Track, type UploadDefaults, type UploadRequest } from "@/lib/api/types";
import { formatClock } from "@/lib/format";
import { cn } from "@/lib/utils";
import {
  CATEGORIES,
  DESCRIPTION_MAX_BYTES,
  PRIVACY_HINT,
  PRIVACY_LABEL,
  TAGS_MAX,
  TITLE_MAX,
  type UploadForm,
  localInputToIso,
  minScheduleInput,
  tagsLength,
  uploadProblems,
  utf8Length,
} from "@/lib/youtube";

import { TagInput } from "./tag-input";

const SETTINGS_CODES = new Set(["YOUTUBE_NOT_CONNECTED", "YOUTUBE_RECONNECT_NEEDED", "YOUTUBE_NOT_CONFIGURED"]);
const QUOTA_CODES = new Set(["QUOTA_EXCEEDED", "YOUTUBE_QUOTA_EXCEEDED"]);

/** The API's refusal, with the way out: Settings for the connection, the reset time for quota. */
export function UploadError({ error }: { error: unknown }) {
  const detail = errorMessage(error);
  if (error instanceof ApiError && SETTINGS_CODES.has(error.code)) {
    return (
      <Notice
        tone="error"
        title={error.code === "YOUTUBE_RECONNECT_NEEDED" ? "Reconnect YouTube to upload" : "Connect YouTube to upload"}
        data-testid="upload-error"
        action={
          <Button asChild size="sm" variant="outline">
            <Link href="/settings">
              <Settings aria-hidden /> Open Settings
            </Link>
          </Button>
        }
      >
        {detail}
      </Notice>
    );
  }
  if (error instanceof ApiError && QUOTA_CODES.has(error.code)) {
    const resets = error.retryAfter !== null ? new Date(Date.now() + error.retryAfter * 1000).toISOString() : null;
    return (
      <Notice tone="error" title="Not enough YouTube quota today" data-testid="upload-error">
        {detail}
        {resets && <> That is {formatClock(resets)} your time.</>}
      </Notice>
    );
  }
  return (
    <Notice tone="error" title="The upload did not go through" data-testid="upload-error">
      {detail}
    </Notice>
  );
}

function Counter({ value, max, unit }: { value: number; max: number; unit?: string }) {
  return (
    <span
      className={cn(
        "font-mono text-xs text-muted-foreground tabular-nums",
        value > max * 0.9 && "text-warning",
        value > max && "text-destructive",
      )}
    >
      {value} / {max}
      {unit && ` ${unit}`}
    </span>
  );
}

function FieldHelp({ id, problem, children }: { id: string; problem?: string; children?: React.ReactNode }) {
  if (!problem && !children) return null;
  return (
    <p id={id} className={cn("text-xs text-muted-foreground", problem && "text-destructive")}>
      {problem ?? children}
    </p>
  );
}

function formFrom(defaults: UploadDefaults): UploadForm & { category: string; synthetic: boolean; scheduled: boolean } {
  return {
    title: defaults.title,
    description: defaults.description,
    tags: defaults.tags,
    privacy: defaults.privacy,
    madeForKids: defaults.made_for_kids ?? null, // always null from the API: the creator answers
    schedule: "",
    category: defaults.category,
    synthetic: defaults.contains_synthetic_media,
    scheduled: false,
  };
}

type FormState = ReturnType<typeof formFrom>;

/**
 * The metadata for one upload, prefilled from the API's suggestions and all editable. It
 * checks what YouTube would refuse before sending; while the upload runs (inline on the
 * server) it shows the stage and percent from the track's polls.
 */
export function UploadDialog({
  open,
  onOpenChange,
  track,
  channel,
  uploading,
  onUpload,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  track: Track;
  channel: string | null;
  uploading: boolean;
  onUpload: (request: UploadRequest) => Promise<Track>;
}) {
  const ids = useId();
  const [defaults, setDefaults] = useState<UploadDefaults | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [form, setForm] = useState<FormState | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // The dialog may be closed while the upload runs; its outcome must still be heard then.
  const isOpen = useRef(open);
  useEffect(() => {
    isOpen.current = open;
  }, [open]);

  // Suggestions are fetched each time the dialog opens with nothing filled in yet.
  useEffect(() => {
    if (!open || form) return;
    const controller = new AbortController();
    setLoadError(null);
    api
      .GET("/api/upload/defaults/{track_id}", { params: { path: { track_id: track.id } }, signal: controller.signal })
      .then((result) => {
        const data = unwrap(result);
        setDefaults(data);
        setForm(formFrom(data));
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setLoadError(errorMessage(e));
      });
    return () => controller.abort();
  }, [open, form, track.id]);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setForm((f) => (f ? { ...f, [key]: value } : f));

  const problems = form ? uploadProblems({ ...form, schedule: form.scheduled ? form.schedule : "" }) : {};
  const show = (key: keyof typeof problems) => (submitted ? problems[key] : undefined);
  // Limits are shown as soon as they are crossed, not only after a submit.
  const live = {
    title: form && form.title.trim().length > TITLE_MAX ? problems.title : show("title"),
    description: form && utf8Length(form.description.trim()) > DESCRIPTION_MAX_BYTES ? problems.description : show("description"),
    tags: form && tagsLength(form.tags) > TAGS_MAX ? problems.tags : show("tags"),
  };

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!form) return;
    setSubmitted(true);
    setError(null);
    if (Object.keys(problems).length > 0) {
      // Bring the first problem into view in a long, scrolling dialog.
      requestAnimationFrame(() => {
        const field = document.querySelector<HTMLElement>('[data-upload-form] [aria-invalid="true"]');
        const target = field?.matches("input, textarea, button") ? field : field?.querySelector<HTMLElement>("button");
        target?.scrollIntoView({ block: "center" });
        target?.focus({ preventScroll: true });
      });
      return;
    }
    const publishAt = form.scheduled ? localInputToIso(form.schedule) : null;
    try {
      await onUpload({
        track_id: track.id,
        title: form.title.trim(),
        description: form.description.trim(),
        tags: form.tags,
        privacy: form.privacy,
        category: form.category,
        made_for_kids: form.madeForKids === true,
        contains_synthetic_media: form.synthetic,
        ...(publishAt ? { publish_at: publishAt } : {}),
      });
      onOpenChange(false);
      setForm(null); // the next opening starts from fresh suggestions
      setSubmitted(false);
    } catch (e) {
      setError(e);
      if (!isOpen.current) toast.error("The upload did not go through", { description: errorMessage(e) });
    }
  }

  const progress = {
    status: "uploading" as const,
    stage: track.status === "uploading" ? track.stage : "starting the upload",
    progress: track.status === "uploading" ? track.progress : null,
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-2xl" aria-describedby={`${ids}-desc`}>
        <DialogHeader>
          <DialogTitle>Upload to YouTube</DialogTitle>
          <DialogDescription id={`${ids}-desc`}>
            {channel ? (
              <>
                To <span className="text-foreground">{channel}</span>.{" "}
              </>
            ) : null}
            Suggested from the prompt; change anything before it goes.
          </DialogDescription>
        </DialogHeader>

        {!form ? (
          <DialogBody className="grid gap-4" aria-busy={!loadError}>
            {loadError ? (
              <Notice tone="error" title="The upload details could not be loaded">
                {loadError}
              </Notice>
            ) : (
              <>
                <Skeleton className="h-10 w-full" />
                <Skeleton className="h-28 w-full" />
                <Skeleton className="h-10 w-full" />
                <Skeleton className="h-16 w-full" />
              </>
            )}
          </DialogBody>
        ) : (
          <form id={`${ids}-form`} onSubmit={submit} noValidate className="contents" data-upload-form>
            <DialogBody>
              <fieldset disabled={uploading} className="grid gap-5 disabled:opacity-70">
                {error !== null && <UploadError error={error} />}

                <div className="grid gap-2">
                  <div className="flex items-baseline justify-between">
                    <Label htmlFor={`${ids}-title`}>Title</Label>
                    <Counter value={form.title.trim().length} max={TITLE_MAX} />
                  </div>
                  <Input
                    id={`${ids}-title`}
                    value={form.title}
                    onChange={(e) => set("title", e.target.value)}
                    aria-invalid={!!live.title || undefined}
                    aria-describedby={`${ids}-title-help`}
                  />
                  <FieldHelp id={`${ids}-title-help`} problem={live.title ?? undefined} />
                </div>

                <div className="grid gap-2">
                  <div className="flex items-baseline justify-between">
                    <Label htmlFor={`${ids}-description`}>Description</Label>
                    <Counter value={utf8Length(form.description.trim())} max={DESCRIPTION_MAX_BYTES} />
                  </div>
                  <Textarea
                    id={`${ids}-description`}
                    value={form.description}
                    rows={5}
                    onChange={(e) => set("description", e.target.value)}
                    aria-invalid={!!live.description || undefined}
                    aria-describedby={`${ids}-description-help`}
                    className="max-h-64"
                  />
                  <FieldHelp id={`${ids}-description-help`} problem={live.description ?? undefined} />
                </div>

                <div className="grid gap-2">
                  <div className="flex items-baseline justify-between">
                    <Label htmlFor={`${ids}-tags`}>Tags</Label>
                    <Counter value={tagsLength(form.tags)} max={TAGS_MAX} />
                  </div>
                  <TagInput
                    id={`${ids}-tags`}
                    value={form.tags}
                    onChange={(tags) => set("tags", tags)}
                    invalid={!!live.tags}
                    disabled={uploading}
                    describedBy={`${ids}-tags-help`}
                  />
                  <FieldHelp id={`${ids}-tags-help`} problem={live.tags ?? undefined}>
                    Counted as YouTube does: commas between tags, and a tag with a space is quoted.
                  </FieldHelp>
                </div>

                <fieldset className="grid gap-2">
                  <legend className="mb-2 text-sm font-medium">Visibility</legend>
                  <RadioGroup
                    value={form.privacy}
                    onValueChange={(v) => set("privacy", v as Privacy)}
                    className="grid-cols-1 sm:grid-cols-3"
                    aria-label="Visibility"
                  >
                    {PRIVACY_OPTIONS.map((p) => (
                      <RadioTile
                        key={p}
                        id={`${ids}-privacy-${p}`}
                        value={p}
                        label={PRIVACY_LABEL[p]}
                        hint={PRIVACY_HINT[p]}
                        disabled={form.scheduled && p !== "private"}
                      />
                    ))}
                  </RadioGroup>
                </fieldset>

                <fieldset className="grid gap-2" aria-describedby={`${ids}-kids-help`}>
                  <legend className="mb-2 text-sm font-medium">
                    Made for kids? <span className="font-normal text-muted-foreground">(required)</span>
                  </legend>
                  <RadioGroup
                    value={form.madeForKids === null ? "" : form.madeForKids ? "yes" : "no"}
                    onValueChange={(v) => set("madeForKids", v === "yes")}
                    className="grid-cols-1 sm:grid-cols-2"
                    aria-label="Made for kids"
                    aria-required
                    aria-invalid={!!show("madeForKids") || undefined}
                  >
                    <RadioTile
                      id={`${ids}-kids-no`}
                      value="no"
                      label="No, it's not made for kids"
                      invalid={!!show("madeForKids")}
                    />
                    <RadioTile
                      id={`${ids}-kids-yes`}
                      value="yes"
                      label="Yes, it's made for kids"
                      invalid={!!show("madeForKids")}
                    />
                  </RadioGroup>
                  <FieldHelp id={`${ids}-kids-help`} problem={show("madeForKids")}>
                    YouTube requires an answer (COPPA). Videos made for kids have comments and some features turned off.
                  </FieldHelp>
                </fieldset>

                <div className="flex items-start gap-3">
                  <Checkbox
                    id={`${ids}-synthetic`}
                    checked={form.synthetic}
                    onCheckedChange={(c) => set("synthetic", c === true)}
                    className="mt-0.5"
                    aria-describedby={`${ids}-synthetic-help`}
                  />
                  <div className="grid gap-1">
                    <Label htmlFor={`${ids}-synthetic`}>Contains altered or synthetic content</Label>
                    <p id={`${ids}-synthetic-help`} className="text-xs text-muted-foreground">
                      The music and cover art are AI-generated; YouTube asks creators to disclose that.
                    </p>
                  </div>
                </div>

                <div className="grid gap-4 sm:grid-cols-2">
                  <div className="grid content-start gap-2">
                    <Label htmlFor={`${ids}-category`}>Category</Label>
                    <select
                      id={`${ids}-category`}
                      value={form.category}
                      onChange={(e) => set("category", e.target.value)}
                      className={cn(fieldClass, "h-10 appearance-auto py-1")}
                    >
                      {CATEGORIES.map((c) => (
                        <option key={c.id} value={c.id}>
                          {c.label}
                        </option>
                      ))}
                      {!CATEGORIES.some((c) => c.id === form.category) && (
                        <option value={form.category}>Category {form.category}</option>
                      )}
                    </select>
                  </div>

                  <div className="grid content-start gap-2">
                    <div className="flex items-center gap-3">
                      <Checkbox
                        id={`${ids}-scheduled`}
                        checked={form.scheduled}
                        onCheckedChange={(c) =>
                          setForm((f) =>
                            f
                              ? {
                                  ...f,
                                  scheduled: c === true,
                                  // Scheduling needs Private: YouTube publishes it at that time.
                                  privacy: c === true ? "private" : f.privacy,
                                  schedule: c === true && !f.schedule ? minScheduleInput() : f.schedule,
                                }
                              : f,
                          )
                        }
                      />
                      <Label htmlFor={`${ids}-scheduled`}>
                        <CalendarClock className="size-4 text-muted-foreground" aria-hidden /> Schedule publishing
                      </Label>
                    </div>
                    {form.scheduled ? (
                      <>
                        <Input
                          type="datetime-local"
                          aria-label="Publish at"
                          value={form.schedule}
                          min={minScheduleInput()}
                          onChange={(e) => set("schedule", e.target.value)}
                          aria-invalid={!!show("schedule") || undefined}
                          aria-describedby={`${ids}-schedule-help`}
                          className="[color-scheme:dark]"
                        />
                        <FieldHelp id={`${ids}-schedule-help`} problem={show("schedule")}>
                          Uploads as Private; YouTube makes it public at this time (your time zone).
                        </FieldHelp>
                      </>
                    ) : (
                      <p className="text-xs text-muted-foreground">
                        Publish later: the video stays Private until then. Scheduling needs Private.
                      </p>
                    )}
                  </div>
                </div>

                {defaults && (
                  <p className="text-xs text-muted-foreground">
                    Uses {defaults.quota_cost.toLocaleString("en-US")} units of today&rsquo;s YouTube API quota.
                  </p>
                )}
              </fieldset>
            </DialogBody>

            <DialogFooter className="sm:justify-between">
              {uploading ? (
                <div className="grid flex-1 gap-1.5 sm:mr-4">
                  <StageProgress track={progress} />
                  <p className="text-xs text-muted-foreground">You can close this; the upload carries on.</p>
                </div>
              ) : (
                <span className="hidden sm:block" />
              )}
              <div className="flex flex-col-reverse gap-2 sm:flex-row">
                <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
                  {uploading ? "Close" : "Cancel"}
                </Button>
                <Button type="submit" disabled={uploading}>
                  {uploading ? <Loader2 className="animate-spin" aria-hidden /> : <Upload aria-hidden />}
                  {uploading ? "Uploading…" : "Upload"}
                </Button>
              </div>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
