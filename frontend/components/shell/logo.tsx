import { cn } from "@/lib/utils";

/** The studio mark: a soft waveform in a rounded tile, with the name beside it. */
export function Logo({ className, compact = false }: { className?: string; compact?: boolean }) {
  return (
    <span className={cn("flex items-center gap-2.5", className)}>
      <span className="grid size-8 place-items-center rounded-lg border border-primary/25 bg-gradient-to-br from-primary/25 to-haze/20 shadow-[0_0_20px_-6px_var(--color-primary)]">
        <svg viewBox="0 0 32 32" className="size-5" aria-hidden>
          <path
            d="M4 17c2.5 0 2.5-6 5-6s2.5 10 5 10 2.5-14 5-14 2.5 10 5 10 1.5-3 4-3"
            fill="none"
            stroke="currentColor"
            strokeWidth="2.6"
            strokeLinecap="round"
            strokeLinejoin="round"
            className="text-primary"
          />
        </svg>
      </span>
      {!compact && (
        <span className="text-[15px] font-semibold tracking-tight">
          Ambient <span className="text-muted-foreground">Studio</span>
        </span>
      )}
    </span>
  );
}
