"use client";

import { Loader2, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";

import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button, buttonVariants } from "@/components/ui/button";
import { api, unwrap } from "@/lib/api/client";
import { errorMessage } from "@/lib/api/errors";

const WHAT = {
  song: {
    title: "Delete this song?",
    body: "The file and its analysis are removed from the studio. A song that a video uses cannot be deleted; delete the video first.",
  },
  video: { title: "Delete this video?", body: "Its sections and clip plan are removed. The song stays." },
} as const;

/** Delete a song or a video behind a confirmation, then back to the library. */
export function DeleteMusicButton({ kind, id }: { kind: keyof typeof WHAT; id: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const confirm = async (event: React.MouseEvent) => {
    event.preventDefault(); // the dialog stays until the API has answered
    setDeleting(true);
    try {
      if (kind === "song") unwrap(await api.DELETE("/api/songs/{song_id}", { params: { path: { song_id: id } } }));
      else unwrap(await api.DELETE("/api/videos/{video_id}", { params: { path: { video_id: id } } }));
      setOpen(false);
      toast.success(kind === "song" ? "Song deleted" : "Video deleted");
      router.push("/music");
      router.refresh();
    } catch (error) {
      // A refusal (a song still used by a video) is said in the dialog, where the eyes are.
      setProblem(errorMessage(error));
    } finally {
      setDeleting(false);
    }
  };

  return (
    <AlertDialog
      open={open}
      onOpenChange={(next) => {
        if (deleting) return;
        setOpen(next);
        setProblem(null);
      }}
    >
      <AlertDialogTrigger asChild>
        <Button variant="ghost" className="text-muted-foreground hover:text-destructive">
          <Trash2 aria-hidden /> Delete
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{WHAT[kind].title}</AlertDialogTitle>
          <AlertDialogDescription>{WHAT[kind].body}</AlertDialogDescription>
        </AlertDialogHeader>
        {problem && (
          <p role="alert" className="text-sm text-destructive">
            {problem}
          </p>
        )}
        <AlertDialogFooter>
          <AlertDialogCancel disabled={deleting}>Keep it</AlertDialogCancel>
          <AlertDialogAction className={buttonVariants({ variant: "destructive" })} onClick={confirm} disabled={deleting}>
            {deleting && <Loader2 className="animate-spin" aria-hidden />}
            Delete {kind}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
