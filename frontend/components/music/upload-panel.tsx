"use client";

import { AlertTriangle, FileAudio, Loader2, Upload } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Progress } from "@/components/ui/progress";
import { humanize } from "@/lib/format";
import { type UploadState, useSongUpload } from "@/lib/music-upload";
import { cn } from "@/lib/utils";
import { useHydrated } from "@/lib/use-hydrated";

import { TrackPicker, type PickableTrack } from "./track-picker";

const ACCEPT = "audio/*,.mp3,.wav,.flac,.m4a,.aac,.ogg,.opus";

function Status({ state }: { state: UploadState }) {
  if (state.phase === "uploading") {
    return (
      <div className="grid grid-cols-1 gap-2" data-testid="song-progress">
        <div className="flex justify-between gap-3 text-sm">
          <span className="truncate">Uploading {state.name}</span>
          <span className="font-mono text-xs text-muted-foreground tabular-nums">{state.percent}%</span>
        </div>
        <Progress value={state.percent} label="Upload" live />
      </div>
    );
  }
  if (state.phase === "analysing") {
    const stage = humanize(state.progress.stage) || "Analysing the music";
    return (
      <div className="grid grid-cols-1 gap-2" data-testid="song-progress">
        <div className="flex justify-between gap-3 text-sm">
          <span className="truncate">{stage}</span>
          <span className="font-mono text-xs text-muted-foreground tabular-nums">
            {state.progress.percent ? `${state.progress.percent}%` : "starting…"}
          </span>
        </div>
        <Progress value={state.progress.percent} label="Analysis" live />
      </div>
    );
  }
  return null;
}

/**
 * Add a song: drop a file on the panel or choose one (the file input is the keyboard's way
 * in), or take a generated track. Upload progress, then the analysis live; the song's page
 * opens when it is done. The API's refusals are shown as it words them.
 */
export function UploadPanel({ tracks }: { tracks: PickableTrack[] | { error: string } }) {
  const ids = useId();
  const router = useRouter();
  const hydrated = useHydrated();
  const { state, upload, fromTrack } = useSongUpload();
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState("");
  const [over, setOver] = useState(false);
  const busy = state.phase === "uploading" || state.phase === "analysing";

  useEffect(() => {
    if (state.phase !== "done") return;
    toast.success(state.created ? "Your song is analysed" : "That song was already here", { description: state.song.title });
    router.push(`/music/songs/${state.song.id}`);
  }, [state, router]);

  const choose = (chosen: File | null | undefined) => {
    if (!chosen) return;
    setFile(chosen);
    if (!title) setTitle(chosen.name.replace(/\.[^.]+$/, ""));
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (file && !busy) void upload(file, title.trim() || null);
  };

  return (
    <div className="grid grid-cols-1 gap-6">
      <form onSubmit={submit} className="grid grid-cols-1 gap-4" aria-describedby={`${ids}-status`}>
        <label
          htmlFor={`${ids}-file`}
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={(e) => {
            e.preventDefault();
            setOver(false);
            if (!busy) choose(e.dataTransfer.files[0]);
          }}
          data-testid="drop-zone"
          className={cn(
            "flex cursor-pointer flex-col items-center gap-2 rounded-xl border border-dashed bg-background/30 px-4 py-8 text-center transition-colors focus-within:ring-[3px] focus-within:ring-ring hover:border-primary/50",
            over && "border-primary bg-primary/5",
            busy && "pointer-events-none opacity-60",
          )}
        >
          <FileAudio className="size-6 text-primary" aria-hidden />
          <span className="text-sm font-medium">{file ? file.name : "Drop a song here, or choose a file"}</span>
          <span className="text-xs text-muted-foreground">MP3, WAV, FLAC, M4A/AAC or OGG/Opus</span>
          <input
            id={`${ids}-file`}
            type="file"
            accept={ACCEPT}
            className="sr-only"
            disabled={busy}
            onChange={(e) => choose(e.target.files?.[0])}
          />
        </label>
        <div className="grid grid-cols-1 gap-2">
          <Label htmlFor={`${ids}-title`}>
            Title <span className="font-normal text-muted-foreground">(optional)</span>
          </Label>
          <Input id={`${ids}-title`} value={title} maxLength={200} disabled={busy} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <Button type="submit" disabled={!file || busy || !hydrated} className="justify-self-start">
          {busy ? <Loader2 className="animate-spin" aria-hidden /> : <Upload aria-hidden />}
          {busy ? "Working…" : "Upload and analyse"}
        </Button>
      </form>

      <div id={`${ids}-status`} aria-live="polite" className="grid grid-cols-1 gap-2 empty:hidden">
        <Status state={state} />
        {state.phase === "error" && (
          <p role="alert" className="flex items-start gap-2 rounded-lg border border-destructive/30 bg-destructive/5 p-3 text-sm">
            <AlertTriangle className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden />
            <span>{state.message}</span>
          </p>
        )}
      </div>

      <TrackPicker tracks={tracks} disabled={busy || !hydrated} onPick={(id, name) => void fromTrack(id, name)} />
    </div>
  );
}
