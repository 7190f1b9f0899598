"use client";

import { useId } from "react";

import { Label } from "@/components/ui/label";
import { Slider } from "@/components/ui/slider";
import { formatDuration } from "@/lib/format";
import { DURATION_MAX, DURATION_MIN, DURATION_STEP } from "@/lib/validation";

/** The length slider of the generate and batch forms: label, current value, range ends. */
export function DurationField({
  label,
  value,
  onChange,
  testId,
  name,
  disabled,
}: {
  label: string;
  value: number;
  onChange: (seconds: number) => void;
  /** data-testid of the shown value. */
  testId: string;
  name?: string;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div className="grid gap-3">
      <div className="flex items-baseline justify-between">
        <Label id={`${id}-duration-label`}>{label}</Label>
        <output className="font-mono text-lg font-medium tabular-nums" data-testid={testId}>
          {formatDuration(value)}
        </output>
      </div>
      <Slider
        min={DURATION_MIN}
        max={DURATION_MAX}
        step={DURATION_STEP}
        value={[value]}
        onValueChange={([v]) => v !== undefined && onChange(v)}
        aria-label="Duration"
        aria-valuetext={formatDuration(value)}
        name={name}
        disabled={disabled}
      />
      <div className="flex justify-between font-mono text-[11px] text-muted-foreground">
        <span>{formatDuration(DURATION_MIN)}</span>
        <span>{formatDuration(DURATION_MAX)}</span>
      </div>
    </div>
  );
}
