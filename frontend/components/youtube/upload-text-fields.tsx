"use client";

import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { DESCRIPTION_MAX_BYTES, TAGS_MAX, TITLE_MAX, tagsLength, utf8Length } from "@/lib/youtube";

import { Counter, FieldHelp } from "./field-parts";
import { TagInput } from "./tag-input";
import type { FormState, LiveProblems, SetField } from "./use-upload-form";

/** Title, description and tags: the fields with YouTube's length limits, counted live. */
export function UploadTextFields({
  ids,
  form,
  set,
  live,
  uploading,
}: {
  ids: string;
  form: FormState;
  set: SetField;
  live: LiveProblems;
  uploading: boolean;
}) {
  return (
    <>
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
    </>
  );
}
