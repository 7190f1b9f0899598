import { aspectLook } from "@/lib/aspect";
import { cn } from "@/lib/utils";

/** The shared video's player: native controls, nothing else, in the video's own shape. */
export function SharedPlayer({ src, aspect, title }: { src: string; aspect: string; title: string }) {
  const look = aspectLook(aspect);
  return (
    <div className={cn("overflow-hidden rounded-xl border bg-black", look.frame)}>
      {/* A music video's words, when it has any, are burnt in as captions by the composition. */}
      {/* eslint-disable-next-line jsx-a11y/media-has-caption */}
      <video
        controls
        preload="metadata"
        playsInline
        src={src}
        aria-label={title}
        className={cn("w-full", look.ratio)}
        data-testid="shared-video"
        data-aspect={look.key}
      />
    </div>
  );
}
