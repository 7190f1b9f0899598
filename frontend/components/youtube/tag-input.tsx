"use client";

import { X } from "lucide-react";
import { useRef, useState } from "react";

import { fieldClass } from "@/components/ui/input";
import { addTags } from "@/lib/youtube";
import { cn } from "@/lib/utils";

/**
 * Tags as chips. Type and press Enter or a comma to add (a pasted "a, b, c" adds three);
 * Backspace in the empty field takes the last one back for editing; × removes one.
 */
export function TagInput({
  id,
  value,
  onChange,
  invalid,
  disabled,
  describedBy,
}: {
  id: string;
  value: string[];
  onChange: (tags: string[]) => void;
  invalid?: boolean;
  disabled?: boolean;
  describedBy?: string;
}) {
  const [draft, setDraft] = useState("");
  const input = useRef<HTMLInputElement>(null);

  const commit = (text: string) => {
    if (text.trim()) onChange(addTags(value, text));
    setDraft("");
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter" || event.key === ",") {
      event.preventDefault(); // Enter must not submit the form with a half-typed tag
      commit(draft);
    } else if (event.key === "Backspace" && draft === "" && value.length > 0) {
      event.preventDefault();
      setDraft(value[value.length - 1] ?? "");
      onChange(value.slice(0, -1));
    }
  };

  return (
    // Clicking the box's padding focuses the text field, as with a single input: a mouse
    // convenience only (the field itself is in the tab order), so the box is presentational.
    <div
      role="presentation"
      className={cn(
        fieldClass,
        "flex min-h-10 flex-wrap items-center gap-1.5 px-2 py-1.5",
        invalid && "border-destructive",
        disabled && "cursor-not-allowed opacity-50",
      )}
      onClick={() => input.current?.focus()}
    >
      <ul className="contents" aria-label="Chosen tags">
        {value.map((tag) => (
          <li
            key={tag}
            className="inline-flex max-w-full items-center gap-1 rounded-full border bg-secondary py-0.5 pr-1 pl-2.5 text-xs"
            data-testid="tag-chip"
          >
            <span className="truncate">{tag}</span>
            <button
              type="button"
              disabled={disabled}
              onClick={() => onChange(value.filter((t) => t !== tag))}
              className="grid size-4 place-items-center rounded-full text-muted-foreground outline-none hover:bg-accent hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
              aria-label={`Remove tag ${tag}`}
            >
              <X className="size-3" aria-hidden />
            </button>
          </li>
        ))}
      </ul>
      <input
        ref={input}
        id={id}
        value={draft}
        disabled={disabled}
        onChange={(e) => {
          const text = e.target.value;
          // A paste with commas adds every finished tag at once and keeps the rest as the draft.
          if (text.includes(",")) {
            const cut = text.lastIndexOf(",");
            onChange(addTags(value, text.slice(0, cut)));
            setDraft(text.slice(cut + 1).trimStart());
          } else setDraft(text);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => commit(draft)}
        placeholder={value.length === 0 ? "Add a tag and press Enter" : "Add tag"}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        enterKeyHint="enter"
        className="h-7 min-w-24 flex-1 bg-transparent text-base outline-none placeholder:text-muted-foreground/70 md:text-sm"
      />
    </div>
  );
}
