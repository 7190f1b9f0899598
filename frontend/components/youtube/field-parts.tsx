import { cn } from "@/lib/utils";

/** How much of a YouTube limit a field uses; amber near it, red past it. */
export function Counter({ value, max, unit }: { value: number; max: number; unit?: string }) {
  return (
    <span
      className={cn(
        "font-mono text-xs text-muted-foreground tabular-nums",
        value > max * 0.9 && "text-warning",
        value > max && "text-destructive",
      )}
    >
      {value} / {max}
      {unit && ` ${unit}`}
    </span>
  );
}

/** A field's hint, replaced by its problem when there is one (the same id keeps it described). */
export function FieldHelp({ id, problem, children }: { id: string; problem?: string; children?: React.ReactNode }) {
  if (!problem && !children) return null;
  return (
    <p id={id} className={cn("text-xs text-muted-foreground", problem && "text-destructive")}>
      {problem ?? children}
    </p>
  );
}
