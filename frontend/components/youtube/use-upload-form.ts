"use client";

import { useEffect, useRef, useState } from "react";
import { toast } from "sonner";

import { api, unwrap } from "@/lib/api/client";
import { errorMessage } from "@/lib/api/errors";
import type { Track, UploadDefaults, UploadRequest } from "@/lib/api/types";
import {
  DESCRIPTION_MAX_BYTES,
  TAGS_MAX,
  TITLE_MAX,
  type UploadForm,
  type UploadProblems,
  localInputToIso,
  minScheduleInput,
  tagsLength,
  uploadProblems,
  utf8Length,
} from "@/lib/youtube";

/** The form prefilled from what the API suggests for a track or a video (both carry these fields). */
export function formFrom(
  defaults: Pick<UploadDefaults, "title" | "description" | "tags" | "privacy" | "made_for_kids" | "category" | "contains_synthetic_media">,
): UploadForm & { category: string; synthetic: boolean; scheduled: boolean } {
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

export type FormState = ReturnType<typeof formFrom>;
export type SetField = <K extends keyof FormState>(key: K, value: FormState[K]) => void;
/** A field's problem to show now, if any: kept apart from `problems` so nothing nags before a submit. */
export type ShowProblem = (key: keyof UploadProblems) => string | undefined;

/**
 * The upload dialog's state and submit: suggestions fetched on opening, the checks YouTube
 * would make, and the upload itself. Kept out of the dialog so the markup reads on its own.
 */
export function useUploadForm({
  open,
  onOpenChange,
  track,
  onUpload,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  track: Track;
  onUpload: (request: UploadRequest) => Promise<Track>;
}) {
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

  // Opening again after a failed load tries again: the old error goes as the dialog opens
  // (adjusted during render, React's pattern for state that follows a prop).
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) setLoadError(null);
  }

  // Suggestions are fetched each time the dialog opens with nothing filled in yet.
  useEffect(() => {
    if (!open || form) return;
    const controller = new AbortController();
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

  const set: SetField = (key, value) => setForm((f) => (f ? { ...f, [key]: value } : f));

  const setScheduled = (on: boolean) =>
    setForm((f) =>
      f
        ? {
            ...f,
            scheduled: on,
            // Scheduling needs Private: YouTube publishes it at that time.
            privacy: on ? "private" : f.privacy,
            schedule: on && !f.schedule ? minScheduleInput() : f.schedule,
          }
        : f,
    );

  const problems: UploadProblems = form ? uploadProblems({ ...form, schedule: form.scheduled ? form.schedule : "" }) : {};
  const show: ShowProblem = (key) => (submitted ? problems[key] : undefined);
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

  return { defaults, loadError, form, error, set, setScheduled, show, live, submit };
}

export type LiveProblems = ReturnType<typeof useUploadForm>["live"];
