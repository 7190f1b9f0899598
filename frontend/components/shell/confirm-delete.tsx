"use client";

import { Loader2, Trash2 } from "lucide-react";
import { useState } from "react";

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
import { errorMessage } from "@/lib/api/errors";

/**
 * A Delete button behind a confirmation. The dialog stays open until the API has answered:
 * a refusal (a song still used by a video, say) is said in the dialog, where the eyes are.
 */
export function ConfirmDelete({
  title,
  description,
  confirmLabel,
  triggerLabel,
  size = "default",
  disabled,
  remove,
  onDeleted,
}: {
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  triggerLabel?: string;
  size?: "default" | "sm";
  disabled?: boolean;
  remove: () => Promise<unknown>;
  onDeleted?: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const confirm = async (event: React.MouseEvent) => {
    event.preventDefault();
    setDeleting(true);
    try {
      await remove();
      setOpen(false);
      onDeleted?.();
    } catch (error) {
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
        <Button variant="ghost" size={size} className="text-muted-foreground hover:text-destructive" aria-label={triggerLabel} disabled={disabled}>
          <Trash2 aria-hidden /> Delete
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{title}</AlertDialogTitle>
          <AlertDialogDescription>{description}</AlertDialogDescription>
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
            {confirmLabel}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
