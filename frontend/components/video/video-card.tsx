import { Film } from "lucide-react";
import Link from "next/link";

import { Badge } from "@/components/ui/badge";
import { aspectLook } from "@/lib/aspect";
import { formatBytes, formatDuration } from "@/lib/format";
import { kindLabel } from "@/lib/library";
import { mediaSrc } from "@/lib/media";
import { cn } from "@/lib/utils";
import { type ProductionVideo, VIDEO_STATUS_LABEL } from "@/lib/video-types";

import { DeleteVideoButton } from "./delete-video-button";

const BADGE = { finalized: "done", composed: "ready" } as const;

/** What a library card shows first: the first still, else the video's first frame, else a mark. */
function Thumbnail({ video }: { video: ProductionVideo }) {
  const still = mediaSrc(video.scenes.find((s) => s.still_url)?.still_url);
  const output = mediaSrc(video.output?.url);
  if (still) {
    // eslint-disable-next-line @next/next/no-img-element
    return <img src={still} alt="" className="size-full object-cover" loading="lazy" decoding="async" />;
  }
  if (output) {
    // The browser draws the frame at 0.1 s; nothing plays (no controls, no autoplay).
    return <video src={`${output}#t=0.1`} preload="metadata" muted className="size-full object-cover" aria-hidden tabIndex={-1} />;
  }
  return (
    <div className="grid size-full place-items-center text-muted-foreground">
      <Film className="size-8" aria-hidden />
    </div>
  );
}

/** One video of the library: picture in its own shape, kind, status, length and size, a link to where it is worked on, delete. */
export function VideoCard({ video, href }: { video: ProductionVideo; href: string | null }) {
  const duration = video.output?.duration ?? video.duration;
  const look = aspectLook(video.aspect);
  const picture = (
    // The slot is the same for every card so the grid stays even; the picture inside keeps its shape.
    <div className="grid aspect-video place-items-center overflow-hidden bg-muted">
      <div className={cn("h-full max-w-full overflow-hidden", look.ratio)} data-testid="library-thumb" data-aspect={look.key}>
        <Thumbnail video={video} />
      </div>
    </div>
  );
  return (
    <li className="grid grid-cols-1 content-start overflow-hidden rounded-xl border bg-card/60" data-testid="library-card" data-kind={video.kind}>
      {href ? (
        <Link href={href} className="block" tabIndex={-1} aria-hidden>
          {picture}
        </Link>
      ) : (
        picture
      )}
      <div className="grid gap-2 p-3">
        <h2 className="line-clamp-2 text-sm font-medium">
          {href ? (
            <Link href={href} className="hover:underline">
              {video.prompt}
            </Link>
          ) : (
            video.prompt
          )}
        </h2>
        <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
          <Badge variant="outline" data-testid="library-kind">
            {kindLabel(video.kind)}
          </Badge>
          <Badge variant={BADGE[video.status as keyof typeof BADGE] ?? "secondary"}>{VIDEO_STATUS_LABEL[video.status]}</Badge>
          <span>{formatDuration(duration)}</span>
          {video.output && <span>{formatBytes(video.output.bytes)}</span>}
          <span>{look.label}</span>
        </div>
        <div className="justify-self-end">
          <DeleteVideoButton id={video.id} title={video.prompt} />
        </div>
      </div>
    </li>
  );
}
