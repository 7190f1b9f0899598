"use client";

import { Merge } from "lucide-react";
import { useState } from "react";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { formatTime } from "@/lib/music-timeline";
import type { Section } from "@/lib/music-types";

/** A text field that sends its value when it loses focus or on Enter, and only if it changed. */
function CommitField({
  value,
  label,
  maxLength,
  disabled,
  onCommit,
  placeholder,
}: {
  value: string;
  label: string;
  maxLength: number;
  disabled: boolean;
  onCommit: (next: string) => void;
  placeholder?: string;
}) {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  // The server's answer wins: a new value from it replaces the draft.
  if (value !== seen) {
    setSeen(value);
    setDraft(value);
  }
  const commit = () => draft.trim() !== value.trim() && onCommit(draft.trim());
  return (
    <Input
      aria-label={label}
      value={draft}
      maxLength={maxLength}
      disabled={disabled}
      placeholder={placeholder}
      className="h-8"
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === "Enter") {
          e.preventDefault();
          commit();
        } else if (e.key === "Escape") setDraft(value);
      }}
    />
  );
}

/** Every section with its times, an editable label and note, and merge with the next. */
export function SectionList({
  sections,
  disabled,
  onRelabel,
  onNote,
  onMerge,
}: {
  sections: readonly Section[];
  disabled: boolean;
  onRelabel: (index: number, label: string) => void;
  onNote: (index: number, note: string) => void;
  onMerge: (index: number) => void;
}) {
  return (
    <ol className="grid grid-cols-1 gap-2" aria-label="Sections">
      {sections.map((s) => (
        <li
          key={s.index}
          data-testid="section-row"
          className="grid items-center gap-2 rounded-lg border bg-background/30 p-2 sm:grid-cols-[2rem_8rem_minmax(0,1fr)_8.5rem_auto]"
        >
          <span className="text-center font-mono text-xs text-muted-foreground">{s.index + 1}</span>
          <CommitField value={s.label} label={`Label of section ${s.index + 1}`} maxLength={20} disabled={disabled} onCommit={(v) => onRelabel(s.index, v)} />
          <CommitField value={s.note} label={`Note for section ${s.index + 1}`} maxLength={100} disabled={disabled} placeholder="Note (what happens here)" onCommit={(v) => onNote(s.index, v)} />
          <span className="font-mono text-xs text-muted-foreground tabular-nums">
            {formatTime(s.start)}–{formatTime(s.end)}
          </span>
          <Button
            type="button"
            variant="ghost"
            size="sm"
            disabled={disabled || s.index === sections.length - 1}
            aria-label={`Merge section ${s.index + 1} with the next`}
            onClick={() => onMerge(s.index)}
          >
            <Merge aria-hidden /> Merge
          </Button>
        </li>
      ))}
    </ol>
  );
}
