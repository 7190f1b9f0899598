"use client";

import { Plus, X } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { LIMITS } from "@/lib/ad-types";
import { normaliseHex } from "@/lib/ad-form";

/**
 * Brand colours as swatches: each a colour picker and its #rrggbb text side by side (either
 * edits it), removable; up to four. The text is kept as typed until it reads as a colour.
 */
export function ColorSwatches({
  id,
  colors,
  onChange,
  disabled,
  invalid,
  describedBy,
}: {
  id: string;
  colors: readonly string[];
  onChange: (colors: string[]) => void;
  disabled?: boolean;
  invalid?: boolean;
  describedBy?: string;
}) {
  const set = (i: number, value: string) => onChange(colors.map((c, j) => (j === i ? value : c)));
  return (
    <div className="grid gap-2" data-testid="brand-colors">
      {colors.length === 0 && <p className="text-sm text-muted-foreground">No brand colours: the mood boards choose the palette.</p>}
      <ul className="grid gap-2" aria-label="Brand colours">
        {colors.map((color, i) => {
          const hex = normaliseHex(color);
          return (
            <li key={i} className="flex items-center gap-2">
              <input
                type="color"
                aria-label={`Brand colour ${i + 1}, picker`}
                value={hex ?? "#000000"}
                disabled={disabled}
                onChange={(e) => set(i, e.target.value)}
                className="size-9 shrink-0 cursor-pointer rounded-md border bg-transparent p-0.5 disabled:cursor-not-allowed"
              />
              <Input
                id={i === 0 ? id : undefined}
                aria-label={`Brand colour ${i + 1}, as #rrggbb`}
                value={color}
                maxLength={7}
                spellCheck={false}
                disabled={disabled}
                aria-invalid={(invalid && hex === null) || undefined}
                aria-describedby={describedBy}
                onChange={(e) => set(i, e.target.value)}
                onBlur={() => hex && hex !== color && set(i, hex)}
                className="w-32 font-mono"
              />
              <Button
                type="button"
                variant="ghost"
                size="icon"
                disabled={disabled}
                aria-label={`Remove brand colour ${i + 1}`}
                onClick={() => onChange(colors.filter((_, j) => j !== i))}
              >
                <X aria-hidden />
              </Button>
            </li>
          );
        })}
      </ul>
      {colors.length < LIMITS.colors && (
        <Button
          type="button"
          variant="outline"
          size="sm"
          className="justify-self-start"
          disabled={disabled}
          onClick={() => onChange([...colors, "#3366ff"])}
        >
          <Plus aria-hidden /> Add a colour
        </Button>
      )}
    </div>
  );
}
