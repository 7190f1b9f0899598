"use client";

import { Loader2, Save } from "lucide-react";
import { useId } from "react";

import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { RadioGroup, RadioTile } from "@/components/ui/radio-group";
import { Textarea } from "@/components/ui/textarea";
import type { BriefForm as Form, FieldErrors, FormField } from "@/lib/ad-form";
import { ASPECTS, type Aspect, DURATIONS, type Duration, FIELD_LABELS, LIMITS } from "@/lib/ad-types";

import { ColorSwatches } from "./color-swatches";

export interface SongChoice {
  id: string;
  title: string;
  duration: number;
}

/**
 * The brief as fields. Each field shows its own error (the API's sentence for it, or the
 * form's own check) under it, tied to the input for screen readers. `highlight` marks the
 * fields the chat just filled, so the creator sees what changed.
 */
export function BriefFormPanel({
  form,
  onChange,
  errors,
  missing,
  highlight,
  songs,
  locked,
  saving,
  dirty,
  onSave,
}: {
  form: Form;
  onChange: (form: Form) => void;
  errors: FieldErrors;
  missing: readonly string[];
  highlight: readonly string[];
  songs: readonly SongChoice[];
  locked: boolean;
  saving: boolean;
  dirty: boolean;
  onSave: () => void;
}) {
  const ids = useId();
  const fid = (f: FormField) => `${ids}-${f}`;
  const eid = (f: FormField) => `${ids}-${f}-error`;
  const set = <K extends FormField>(field: K, value: Form[K]) => onChange({ ...form, [field]: value });
  const described = (f: FormField, hint?: string) => [errors[f] ? eid(f) : null, hint ?? null].filter(Boolean).join(" ") || undefined;
  const mark = (f: FormField) => (highlight.includes(f) ? "ring-2 ring-primary/60" : "");

  const label = (f: FormField) => (
    <Label htmlFor={fid(f)}>
      {FIELD_LABELS[f]}
      {missing.includes(f) && <span className="text-xs font-normal text-muted-foreground">(still needed)</span>}
      {highlight.includes(f) && <span className="text-xs font-normal text-primary">filled by the chat</span>}
    </Label>
  );
  const error = (f: FormField) =>
    errors[f] ? (
      <p id={eid(f)} className="text-sm text-destructive" data-testid={`error-${f}`}>
        {errors[f]}
      </p>
    ) : null;

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>The brief</h2>
        </CardTitle>
        <CardDescription>
          {locked ? "The video is made from this brief: start a new brief to change it." : "Type here, or answer the chat: both fill the same brief."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form
          className="grid grid-cols-1 gap-4"
          aria-label="Brief"
          onSubmit={(e) => {
            e.preventDefault();
            onSave();
          }}
        >
          <fieldset disabled={locked} className="grid grid-cols-1 gap-4">
            <div className="grid gap-1.5">
              {label("product")}
              <Input
                id={fid("product")}
                value={form.product}
                maxLength={LIMITS.product + 20}
                className={mark("product")}
                aria-invalid={!!errors.product || undefined}
                aria-describedby={described("product")}
                onChange={(e) => set("product", e.target.value)}
              />
              {error("product")}
            </div>
            <div className="grid gap-1.5">
              {label("audience")}
              <Input
                id={fid("audience")}
                value={form.audience}
                className={mark("audience")}
                aria-invalid={!!errors.audience || undefined}
                aria-describedby={described("audience")}
                onChange={(e) => set("audience", e.target.value)}
              />
              {error("audience")}
            </div>
            <div className="grid gap-4 sm:grid-cols-2">
              <div className="grid gap-1.5">
                {label("tone")}
                <Input
                  id={fid("tone")}
                  value={form.tone}
                  placeholder="calm, bold"
                  className={mark("tone")}
                  aria-invalid={!!errors.tone || undefined}
                  aria-describedby={described("tone", `${ids}-tone-hint`)}
                  onChange={(e) => set("tone", e.target.value)}
                />
                <p id={`${ids}-tone-hint`} className="text-xs text-muted-foreground">
                  Separated by commas, up to {LIMITS.words}.
                </p>
                {error("tone")}
              </div>
              <div className="grid gap-1.5">
                {label("style_keywords")}
                <Input
                  id={fid("style_keywords")}
                  value={form.style_keywords}
                  placeholder="neon, cinematic"
                  className={mark("style_keywords")}
                  aria-invalid={!!errors.style_keywords || undefined}
                  aria-describedby={described("style_keywords", `${ids}-style-hint`)}
                  onChange={(e) => set("style_keywords", e.target.value)}
                />
                <p id={`${ids}-style-hint`} className="text-xs text-muted-foreground">
                  Separated by commas, up to {LIMITS.keywords}.
                </p>
                {error("style_keywords")}
              </div>
            </div>
            <div className="grid gap-1.5">
              {label("key_messages")}
              <Textarea
                id={fid("key_messages")}
                value={form.key_messages}
                rows={3}
                className={mark("key_messages")}
                aria-invalid={!!errors.key_messages || undefined}
                aria-describedby={described("key_messages", `${ids}-messages-hint`)}
                onChange={(e) => set("key_messages", e.target.value)}
              />
              <p id={`${ids}-messages-hint`} className="text-xs text-muted-foreground">
                One a line, up to {LIMITS.messages}; the first is shown in the video.
              </p>
              {error("key_messages")}
            </div>
            <div className="grid gap-1.5">
              {label("call_to_action")}
              <Input
                id={fid("call_to_action")}
                value={form.call_to_action}
                placeholder="Shop now"
                className={mark("call_to_action")}
                aria-invalid={!!errors.call_to_action || undefined}
                aria-describedby={described("call_to_action")}
                onChange={(e) => set("call_to_action", e.target.value)}
              />
              {error("call_to_action")}
            </div>
            <fieldset className="grid gap-1.5" aria-describedby={described("duration")}>
              <legend className="mb-1.5 text-sm font-medium">
                {FIELD_LABELS.duration}
                {missing.includes("duration") && <span className="ml-2 text-xs font-normal text-muted-foreground">(still needed)</span>}
              </legend>
              <RadioGroup
                value={form.duration === null ? "" : String(form.duration)}
                onValueChange={(v) => set("duration", Number(v) as Duration)}
                className={`grid grid-cols-4 gap-2 rounded-lg ${mark("duration")}`}
                aria-label="Duration"
              >
                {DURATIONS.map((d) => (
                  <RadioTile key={d} value={String(d)} id={`${ids}-duration-${d}`} label={`${d} s`} invalid={!!errors.duration} />
                ))}
              </RadioGroup>
              {error("duration")}
            </fieldset>
            <fieldset className="grid gap-1.5" aria-describedby={described("aspect")}>
              <legend className="mb-1.5 text-sm font-medium">
                {FIELD_LABELS.aspect}
                {missing.includes("aspect") && <span className="ml-2 text-xs font-normal text-muted-foreground">(still needed)</span>}
              </legend>
              <RadioGroup
                value={form.aspect ?? ""}
                onValueChange={(v) => set("aspect", v as Aspect)}
                className={`grid grid-cols-1 gap-2 rounded-lg sm:grid-cols-3 ${mark("aspect")}`}
                aria-label="Aspect"
              >
                {ASPECTS.map((a) => (
                  <RadioTile key={a.value} value={a.value} id={`${ids}-aspect-${a.value}`} label={a.label} hint={a.hint} invalid={!!errors.aspect} />
                ))}
              </RadioGroup>
              {error("aspect")}
            </fieldset>
            <div className="grid gap-1.5">
              {label("brand_colors")}
              <ColorSwatches
                id={fid("brand_colors")}
                colors={form.brand_colors}
                onChange={(c) => set("brand_colors", c)}
                disabled={locked}
                invalid={!!errors.brand_colors}
                describedBy={errors.brand_colors ? eid("brand_colors") : undefined}
              />
              {error("brand_colors")}
            </div>
            <div className="grid gap-1.5">
              {label("song_id")}
              <select
                id={fid("song_id")}
                value={form.song_id ?? ""}
                aria-invalid={!!errors.song_id || undefined}
                aria-describedby={described("song_id")}
                onChange={(e) => set("song_id", e.target.value || null)}
                className="h-9 rounded-md border border-input bg-background/40 px-3 text-sm outline-none focus-visible:ring-[3px] focus-visible:ring-ring"
              >
                <option value="">Music made for the ad</option>
                {songs.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.title} ({Math.round(s.duration)} s)
                  </option>
                ))}
              </select>
              {error("song_id")}
            </div>
          </fieldset>
          {!locked && (
            <Button type="submit" className="justify-self-start" disabled={saving || !dirty}>
              {saving ? <Loader2 className="animate-spin" aria-hidden /> : <Save aria-hidden />}
              {dirty ? "Save brief" : "Brief saved"}
            </Button>
          )}
        </form>
      </CardContent>
    </Card>
  );
}
