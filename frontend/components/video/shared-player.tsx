import { cn } from "@/lib/utils";

/** The shared video's player: native controls, nothing else. */
export function SharedPlayer({ src, portrait, title }: { src: string; portrait: boolean; title: string }) {
  return (
    <div className={cn("overflow-hidden rounded-xl border bg-black", portrait && "mx-auto w-full max-w-sm")}>
      {/* A music video's words, when it has any, are burnt in as captions by the composition. */}
      {/* eslint-disable-next-line jsx-a11y/media-has-caption */}
      <video
        controls
        preload="metadata"
        playsInline
        src={src}
        aria-label={title}
        className={cn("w-full", portrait ? "aspect-[9/16]" : "aspect-video")}
        data-testid="shared-video"
      />
    </div>
  );
}
