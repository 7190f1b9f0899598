import { PanelError } from "@/components/shell/panel-state";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { attempt } from "@/lib/api/queries";
import { lyricsOf } from "@/lib/lyrics";
import { getSongAnalysis } from "@/lib/music-queries";
import { type Song, parseAnalysis } from "@/lib/music-types";

import { SongFacts, UnsureNotes } from "./song-facts";
import { SongView } from "./song-view";

/** The analysed song: timeline and player, what was found, and what is uncertain. */
export async function SongAnalysisPanel({ song }: { song: Song }) {
  const result = await attempt(() => getSongAnalysis(song.id));
  if (!result.ok) return <PanelError title="The analysis is unavailable" message={result.message} />;
  const analysis = parseAnalysis(result.data.analysis, song.duration);
  return (
    <div className="grid grid-cols-1 gap-6">
      <Card>
        <CardHeader>
          <CardTitle>Timeline</CardTitle>
          <CardDescription>Energy per beat, beats and bar lines, the sections the analysis heard, and the lyrics.</CardDescription>
        </CardHeader>
        <CardContent>
          <SongView audioUrl={song.audio_url} analysis={analysis} lyrics={lyricsOf(result.data)} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>What the analysis found</CardTitle>
        </CardHeader>
        <CardContent className="grid grid-cols-1 gap-5">
          <SongFacts analysis={analysis} />
          <UnsureNotes notes={result.data.unsure} />
        </CardContent>
      </Card>
    </div>
  );
}

export function SongAnalysisSkeleton() {
  return (
    <div className="grid grid-cols-1 gap-6" aria-busy="true" aria-label="Loading the analysis">
      <Skeleton className="h-56 w-full rounded-xl" />
      <Skeleton className="h-40 w-full rounded-xl" />
    </div>
  );
}
