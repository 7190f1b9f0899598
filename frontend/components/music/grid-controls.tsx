"use client";

import { useId, useState } from "react";

import { Button } from "@/components/ui/button";
import { fieldClass } from "@/components/ui/input";
import type { Grid, GridEdit } from "@/lib/music-types";
import { cn } from "@/lib/utils";

const METERS = [2, 3, 4, 5, 6, 7, 8] as const;

/**
 * Corrections for a beat grid the analysis got wrong: twice or half the tempo, bar lines a beat
 * earlier or later, every beat onto the off-beat (half a beat later), every beat a few
 * milliseconds earlier or later, and the beats per bar.
 */
export function GridControls({
  grid,
  disabled,
  onEdit,
}: {
  grid: Grid;
  disabled: boolean;
  onEdit: (edit: GridEdit, said: string) => void;
}) {
  const id = useId();
  const [meter, setMeter] = useState(grid.beats_per_bar);
  const buttons: [string, string, GridEdit][] = [
    ["Double tempo", "Twice as many beats", { op: "double" }],
    ["Halve tempo", "Half as many beats", { op: "halve" }],
    ["Bars −1 beat", "Bar lines one beat earlier", { op: "shift", by: -1 }],
    ["Bars +1 beat", "Bar lines one beat later", { op: "shift", by: 1 }],
    ["Beats ½ later", "Every beat half a beat later: for beats found on the off-beat", { op: "offbeat" }],
    ["Nudge −10 ms", "Every beat 10 milliseconds earlier", { op: "nudge", ms: -10 }],
    ["Nudge +10 ms", "Every beat 10 milliseconds later", { op: "nudge", ms: 10 }],
  ];
  return (
    <div className="grid grid-cols-1 gap-3">
      <p className="text-sm">
        <span className="font-mono text-lg font-semibold tabular-nums" data-testid="grid-tempo">
          {grid.tempo.toFixed(1)}
        </span>{" "}
        BPM · {grid.beats_per_bar} beats per bar · {grid.beats.length} beats
      </p>
      <div role="group" aria-label="Grid corrections" className="flex flex-wrap gap-2">
        {buttons.map(([text, hint, edit]) => (
          <Button key={text} type="button" variant="outline" size="sm" disabled={disabled} title={hint} onClick={() => onEdit(edit, text)}>
            {text}
          </Button>
        ))}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={id} className="text-sm">
          Beats per bar
        </label>
        <select
          id={id}
          value={meter}
          disabled={disabled}
          onChange={(e) => setMeter(Number(e.target.value))}
          className={cn(fieldClass, "h-8 w-20")}
        >
          {METERS.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
        <Button
          type="button"
          variant="outline"
          size="sm"
          disabled={disabled || meter === grid.beats_per_bar}
          onClick={() => onEdit({ op: "meter", beats_per_bar: meter }, `Set ${meter} beats per bar`)}
        >
          Set meter
        </Button>
      </div>
    </div>
  );
}
