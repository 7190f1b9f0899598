"use client";

import { CalendarClock } from "lucide-react";

import { Checkbox } from "@/components/ui/checkbox";
import { Input, fieldClass } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { CATEGORIES, minScheduleInput } from "@/lib/youtube";
import { cn } from "@/lib/utils";

import { FieldHelp } from "./field-parts";
import type { FormState, SetField, ShowProblem } from "./use-upload-form";

/** Category and scheduled publishing, side by side on wide screens. */
export function UploadScheduleField({
  ids,
  form,
  set,
  setScheduled,
  show,
}: {
  ids: string;
  form: FormState;
  set: SetField;
  setScheduled: (on: boolean) => void;
  show: ShowProblem;
}) {
  return (
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
            onCheckedChange={(c) => setScheduled(c === true)}
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
  );
}
