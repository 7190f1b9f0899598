"use client";

import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { RadioGroup, RadioTile } from "@/components/ui/radio-group";
import { PRIVACY_OPTIONS, type Privacy } from "@/lib/api/types";
import { PRIVACY_HINT, PRIVACY_LABEL } from "@/lib/youtube";

import { FieldHelp } from "./field-parts";
import type { FormState, SetField, ShowProblem } from "./use-upload-form";

/** Visibility, the made-for-kids answer YouTube requires, and the synthetic-media disclosure. */
export function UploadChoiceFields({
  ids,
  form,
  set,
  show,
}: {
  ids: string;
  form: FormState;
  set: SetField;
  show: ShowProblem;
}) {
  return (
    <>
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
    </>
  );
}
