import { Clapperboard, Music2 } from "lucide-react";
import Link from "next/link";

import { EmptyState, PanelError } from "@/components/shell/panel-state";
import { Badge } from "@/components/ui/badge";
import { Skeleton } from "@/components/ui/skeleton";
import { attempt } from "@/lib/api/queries";
import { formatDuration, formatRelative } from "@/lib/format";
import { getSongs, getVideos } from "@/lib/music-queries";
import { count } from "@/lib/music-timeline";
import { SONG_STATUS_LABEL } from "@/lib/music-types";

const rowClass =
  "flex items-center gap-3 rounded-lg px-3 py-2.5 outline-none transition-colors hover:bg-accent/60 focus-visible:ring-[3px] focus-visible:ring-ring";

export async function SongLibrary() {
  const result = await attempt(getSongs);
  if (!result.ok) return <PanelError title="Songs are unavailable" message={result.message} />;
  const songs = result.data.items;
  if (songs.length === 0) {
    return <EmptyState icon={Music2} title="No songs yet" description="Upload a song or use a generated track to start a music video." />;
  }
  return (
    <ul className="grid grid-cols-1 gap-1" aria-label="Songs">
      {songs.map((song) => (
        <li key={song.id}>
          <Link href={`/music/songs/${song.id}`} className={rowClass}>
            <Music2 className="size-4 shrink-0 text-primary" aria-hidden />
            <span className="min-w-0 flex-1">
              <span className="block truncate font-medium">{song.title}</span>
              <span className="block text-xs text-muted-foreground">
                {formatDuration(song.duration)} · {song.format.toUpperCase()} · {song.source === "track" ? "generated" : "uploaded"}{" "}
                {formatRelative(song.created_at)}
              </span>
            </span>
            <Badge variant={song.status === "failed" ? "failed" : song.status === "analysed" ? "done" : "busy"}>{SONG_STATUS_LABEL[song.status]}</Badge>
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** Every video, or only those made from one song (on that song's page). */
export async function VideoLibrary({ songId }: { songId?: string }) {
  const result = await attempt(getVideos);
  if (!result.ok) return <PanelError title="Videos are unavailable" message={result.message} />;
  const videos = songId ? result.data.items.filter((v) => v.song_id === songId) : result.data.items;
  if (videos.length === 0) {
    if (songId) return <p className="px-2 text-sm text-muted-foreground">No videos from this song yet.</p>;
    return <EmptyState icon={Clapperboard} title="No videos yet" description="Open an analysed song and start a video from it." />;
  }
  return (
    <ul className="grid grid-cols-1 gap-1" aria-label={songId ? "Videos from this song" : "Videos"}>
      {videos.map((video) => (
        <li key={video.id}>
          <Link href={`/music/videos/${video.id}`} className={rowClass}>
            <Clapperboard className="size-4 shrink-0 text-primary" aria-hidden />
            <span className="min-w-0 flex-1">
              <span className="block truncate font-medium">{video.prompt}</span>
              <span className="block text-xs text-muted-foreground">
                {video.aspect} · {formatDuration(video.duration)} · {count(video.sections.length, "section")}
                {video.clips.length > 0 ? ` · ${count(video.clips.length, "clip")}` : ""}
              </span>
            </span>
            <Badge variant="secondary">{video.status === "planned" ? "Planned" : "Draft"}</Badge>
          </Link>
        </li>
      ))}
    </ul>
  );
}

export function LibrarySkeleton({ label }: { label: string }) {
  return (
    <div className="grid grid-cols-1 gap-2" aria-busy="true" aria-label={label}>
      {[0, 1, 2].map((i) => (
        <Skeleton key={i} className="h-12 w-full" />
      ))}
    </div>
  );
}
