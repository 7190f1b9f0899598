import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { DeleteMusicButton } from "@/components/music/delete-music-button";
import { PageHeader } from "@/components/shell/page-header";
import { VideoWorkspace } from "@/components/video/video-workspace";
import { attempt, getYouTubeStatus } from "@/lib/api/queries";
import { aspectLook } from "@/lib/aspect";
import { formatDuration } from "@/lib/format";
import { lyricsOf } from "@/lib/lyrics";
import { UUID, getSong, getSongAnalysis, getVideo } from "@/lib/music-queries";
import { parseAnalysis } from "@/lib/music-types";
import { youtubeConnection } from "@/lib/youtube";

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Music video" };

export default async function VideoPage({ params }: Props) {
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const video = await getVideo(id);
  const [song, analysis, status] = await Promise.all([
    attempt(() => getSong(video.song_id)),
    attempt(() => getSongAnalysis(video.song_id)),
    attempt(getYouTubeStatus),
  ]);
  // Without the analysis the timeline has no energy shape and the player no lyrics, but the
  // editor and the production steps still work.
  const shape = analysis.ok ? parseAnalysis(analysis.data.analysis, video.duration) : null;
  const lyrics = analysis.ok ? lyricsOf(analysis.data) : null;
  return (
    <>
      <Link
        href={song.ok ? `/music/songs/${video.song_id}` : "/music"}
        className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft className="size-3.5" aria-hidden /> {song.ok ? song.data.title : "Music video"}
      </Link>
      <PageHeader
        title={video.prompt}
        description={`${aspectLook(video.aspect).label} · ${formatDuration(video.duration)}`}
      >
        <DeleteMusicButton kind="video" id={video.id} />
      </PageHeader>
      <VideoWorkspace
        key={video.id}
        initial={video}
        audioUrl={song.ok ? song.data.audio_url : null}
        energyBeats={shape?.beats ?? []}
        energy={shape?.energy ?? []}
        lyrics={lyrics}
        youtube={status.ok ? youtubeConnection(status.data) : null}
      />
    </>
  );
}
