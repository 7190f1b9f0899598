"use client";

import { Loader2, Upload } from "lucide-react";
import { useEffect, useId, useState } from "react";

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
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { api, unwrap } from "@/lib/api/client";
import { errorMessage } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema.gen";
import { DESCRIPTION_MAX_BYTES, TAGS_MAX, TITLE_MAX, localInputToIso, minScheduleInput, tagsLength, uploadProblems, utf8Length } from "@/lib/youtube";
import { useHydrated } from "@/lib/use-hydrated";
import { toPercent } from "@/lib/video-playhead";

import { UploadChoiceFields } from "./upload-choice-fields";
import { UploadError } from "./upload-error";
import { UploadScheduleField } from "./upload-schedule-field";
import { UploadTextFields } from "./upload-text-fields";
import { formFrom, type FormState, type SetField, type ShowProblem } from "./use-upload-form";

export type VideoUploadDefaults = components["schemas"]["VideoUploadDefaults"];
export type VideoUploadRequest = components["schemas"]["VideoUploadRequest"];
export type VideoUploadState = components["schemas"]["VideoUploadState"];

/**
 * Upload a composed or finalized music video: the track dialog's fields (title, description,
 * tags, privacy, category, made for kids, schedule), prefilled from the video, with the chapters
 * that will be appended to the description shown beneath it, and the lyrics as captions.
 * The upload runs inline on the server; `state` (polled by the page, GET /api/videos/{id}/upload)
 * gives the stage and percent meanwhile. A failed upload that YouTube holds part of is continued
 * with `onRetry` rather than sent again.
 */
export function VideoUploadDialog({
  open,
  onOpenChange,
  videoId,
  channel,
  state,
  onUploaded,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  videoId: string;
  /** The connected channel's title, or null. */
  channel: string | null;
  /** The video's upload state, if the page polls it; the dialog shows progress from it. */
  state?: VideoUploadState | null;
  /** Called with the final state after an upload or a retry ends (uploaded or failed). */
  onUploaded?: (state: VideoUploadState) => void;
}) {
  const ids = useId();
  const hydrated = useHydrated();
  const [defaults, setDefaults] = useState<VideoUploadDefaults | null>(null);
  const [form, setForm] = useState<FormState | null>(null);
  const [chapters, setChapters] = useState(true);
  const [captions, setCaptions] = useState(true);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open || form) return;
    const controller = new AbortController();
    api
      .GET("/api/videos/{video_id}/upload/defaults", { params: { path: { video_id: videoId } }, signal: controller.signal })
      .then((result) => {
        const data = unwrap(result);
        setDefaults(data);
        setForm(formFrom(data));
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setLoadError(errorMessage(e));
      });
    return () => controller.abort();
  }, [open, form, videoId]);

  const set: SetField = (key, value) => setForm((f) => (f ? { ...f, [key]: value } : f));
  const setScheduled = (on: boolean) =>
    setForm((f) =>
      f
        ? { ...f, scheduled: on, privacy: on ? "private" : f.privacy, schedule: on && !f.schedule ? minScheduleInput() : f.schedule }
        : f,
    );

  // The chapters go after the creator's words: the whole must still fit YouTube's limit.
  const appended = chapters && defaults?.chapters_text ? `\n\n${defaults.chapters_text}` : "";
  const problems = form ? uploadProblems({ ...form, schedule: form.scheduled ? form.schedule : "" }) : {};
  const show: ShowProblem = (key) => (submitted ? problems[key] : undefined);
  const live = {
    title: form && form.title.trim().length > TITLE_MAX ? problems.title : show("title"),
    description:
      form && utf8Length(form.description.trim()) > DESCRIPTION_MAX_BYTES ? problems.description : show("description"),
    tags: form && tagsLength(form.tags) > TAGS_MAX ? problems.tags : show("tags"),
  };
  const uploading = busy || state?.status === "uploading";
  const retry = state?.status === "failed" && state.retryable;

  async function finish(run: () => Promise<VideoUploadState>) {
    setBusy(true);
    setError(null);
    try {
      const result = await run();
      onUploaded?.(result);
      onOpenChange(false);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!form) return;
    setSubmitted(true);
    if (retry) {
      return finish(async () =>
        unwrap(await api.POST("/api/videos/{video_id}/upload/retry", { params: { path: { video_id: videoId } } })),
      );
    }
    if (Object.keys(problems).length > 0) return;
    const publishAt = form.scheduled ? localInputToIso(form.schedule) : null;
    const body: VideoUploadRequest = {
      title: form.title.trim(),
      description: form.description.trim(),
      tags: form.tags,
      privacy: form.privacy,
      category: form.category,
      made_for_kids: form.madeForKids === true,
      contains_synthetic_media: form.synthetic,
      chapters,
      captions,
      ...(publishAt ? { publish_at: publishAt } : {}),
    };
    return finish(async () =>
      unwrap(await api.POST("/api/videos/{video_id}/upload", { params: { path: { video_id: videoId } }, body })),
    );
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-2xl" aria-describedby={`${ids}-desc`}>
        <DialogHeader>
          <DialogTitle>Upload the video to YouTube</DialogTitle>
          <DialogDescription id={`${ids}-desc`}>
            {channel ? (
              <>
                To <span className="text-foreground">{channel}</span>.{" "}
              </>
            ) : null}
            The storyboard still it is known by becomes the thumbnail.
          </DialogDescription>
        </DialogHeader>

        {!form || !defaults ? (
          <DialogBody className="grid gap-4" aria-busy={!loadError}>
            {loadError ? (
              <Notice tone="error" title="The upload details could not be loaded">
                {loadError}
              </Notice>
            ) : (
              <>
                <Skeleton className="h-10 w-full" />
                <Skeleton className="h-28 w-full" />
                <Skeleton className="h-16 w-full" />
              </>
            )}
          </DialogBody>
        ) : (
          <form id={`${ids}-form`} onSubmit={submit} noValidate className="contents" data-upload-form>
            <DialogBody>
              <fieldset disabled={uploading} className="grid gap-5 disabled:opacity-70">
                {error !== null && <UploadError error={error} />}
                {retry && (
                  <Notice tone="error" title="The last upload stopped">
                    {state?.error_message} Retry continues it from where YouTube stopped.
                  </Notice>
                )}
                {defaults.short && (
                  <Notice title="This goes up as a Short">Vertical and under a minute: #Shorts is added.</Notice>
                )}
                <UploadTextFields ids={ids} form={form} set={set} live={live} uploading={uploading} />
                <div className="grid gap-2">
                  <div className="flex items-center gap-2">
                    <Checkbox
                      id={`${ids}-chapters`}
                      checked={chapters}
                      disabled={defaults.chapters.length === 0}
                      onCheckedChange={(on) => setChapters(on === true)}
                    />
                    <Label htmlFor={`${ids}-chapters`}>Add chapters from the sections</Label>
                  </div>
                  {defaults.chapters.length > 0 ? (
                    <pre
                      className="whitespace-pre-wrap rounded-md border bg-muted/40 p-3 font-mono text-xs text-muted-foreground"
                      aria-label="Chapters appended to the description"
                      data-testid="chapters-preview"
                    >
                      {chapters ? defaults.chapters_text : "No chapters."}
                    </pre>
                  ) : (
                    <p className="text-xs text-muted-foreground">
                      No chapters: YouTube needs at least three of 10 seconds or more.
                    </p>
                  )}
                  {utf8Length(form.description.trim() + appended) > DESCRIPTION_MAX_BYTES && (
                    <p className="text-xs text-amber-600">
                      With the chapters the description passes {DESCRIPTION_MAX_BYTES} bytes: the last chapters will
                      be left out.
                    </p>
                  )}
                </div>
                {defaults.has_lyrics && (
                  <div className="flex items-center gap-2">
                    <Checkbox id={`${ids}-captions`} checked={captions} onCheckedChange={(on) => setCaptions(on === true)} />
                    <Label htmlFor={`${ids}-captions`}>Add the lyrics as captions</Label>
                  </div>
                )}
                <UploadChoiceFields ids={ids} form={form} set={set} show={show} />
                <UploadScheduleField ids={ids} form={form} set={set} setScheduled={setScheduled} show={show} />
                <p className="text-xs text-muted-foreground">
                  Uses {defaults.quota_cost.toLocaleString("en-US")} units of today&rsquo;s YouTube API quota.
                </p>
              </fieldset>
            </DialogBody>
            <DialogFooter className="sm:justify-between">
              {uploading ? (
                <div className="grid flex-1 gap-1.5 sm:mr-4">
                  <StageProgress
                    track={{
                      status: "uploading",
                      stage: state?.stage ?? "starting the upload",
                      // The API counts 0–1; the bar reads percent.
                      progress: state?.progress != null ? toPercent(state.progress) : null,
                    }}
                  />
                  <p className="text-xs text-muted-foreground">You can close this; the upload carries on.</p>
                </div>
              ) : (
                <span className="hidden sm:block" />
              )}
              <div className="flex flex-col-reverse gap-2 sm:flex-row">
                <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
                  {uploading ? "Close" : "Cancel"}
                </Button>
                <Button type="submit" disabled={uploading || !hydrated}>
                  {uploading ? <Loader2 className="animate-spin" aria-hidden /> : <Upload aria-hidden />}
                  {uploading ? "Uploading…" : retry ? "Retry the upload" : "Upload"}
                </Button>
              </div>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
