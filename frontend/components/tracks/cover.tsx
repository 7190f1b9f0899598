import { AudioWaveform } from "lucide-react";

import { mediaSrc } from "@/lib/media";
import { cn } from "@/lib/utils";

/**
 * Cover art at 16:9. A plain <img>: the URL is a signed, expiring link to the backend (loaded
 * through the dashboard, see mediaSrc), which Next's image optimiser would cache past its expiry. Without art yet, a quiet gradient.
 */
export function Cover({
  src,
  alt,
  className,
  children,
}: {
  src: string | null;
  alt: string;
  className?: string;
  children?: React.ReactNode;
}) {
  return (
    <div className={cn("relative aspect-video overflow-hidden rounded-lg bg-muted", className)}>
      {src ? (
        // eslint-disable-next-line @next/next/no-img-element
        <img src={mediaSrc(src)} alt={alt} loading="lazy" decoding="async" className="size-full object-cover" />
      ) : (
        <div className="grid size-full place-items-center bg-gradient-to-br from-primary/15 via-muted to-haze/20">
          <AudioWaveform className="size-1/4 max-w-10 text-muted-foreground/60" aria-hidden />
        </div>
      )}
      {children}
    </div>
  );
}
