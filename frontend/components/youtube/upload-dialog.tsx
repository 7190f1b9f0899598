"use client";

import { useId } from "react";

import { Notice } from "@/components/shell/notice";
import {
  Dialog,
  DialogBody,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Skeleton } from "@/components/ui/skeleton";
import type { Track, UploadRequest } from "@/lib/api/types";

import { UploadChoiceFields } from "./upload-choice-fields";
import { UploadError } from "./upload-error";
import { UploadFooter } from "./upload-footer";
import { UploadScheduleField } from "./upload-schedule-field";
import { UploadTextFields } from "./upload-text-fields";
import { useUploadForm } from "./use-upload-form";

// Still exported from here: it was part of this module's surface before the split.
export { UploadError };

/**
 * The metadata for one upload, prefilled from the API's suggestions and all editable. It
 * checks what YouTube would refuse before sending; while the upload runs (inline on the
 * server) it shows the stage and percent from the track's polls.
 */
export function UploadDialog({
  open,
  onOpenChange,
  track,
  channel,
  uploading,
  onUpload,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  track: Track;
  channel: string | null;
  uploading: boolean;
  onUpload: (request: UploadRequest) => Promise<Track>;
}) {
  const ids = useId();
  const { defaults, loadError, form, error, set, setScheduled, show, live, submit } = useUploadForm({
    open,
    onOpenChange,
    track,
    onUpload,
  });

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-2xl" aria-describedby={`${ids}-desc`}>
        <DialogHeader>
          <DialogTitle>Upload to YouTube</DialogTitle>
          <DialogDescription id={`${ids}-desc`}>
            {channel ? (
              <>
                To <span className="text-foreground">{channel}</span>.{" "}
              </>
            ) : null}
            Suggested from the prompt; change anything before it goes.
          </DialogDescription>
        </DialogHeader>

        {!form ? (
          <DialogBody className="grid gap-4" aria-busy={!loadError}>
            {loadError ? (
              <Notice tone="error" title="The upload details could not be loaded">
                {loadError}
              </Notice>
            ) : (
              <>
                <Skeleton className="h-10 w-full" />
                <Skeleton className="h-28 w-full" />
                <Skeleton className="h-10 w-full" />
                <Skeleton className="h-16 w-full" />
              </>
            )}
          </DialogBody>
        ) : (
          <form id={`${ids}-form`} onSubmit={submit} noValidate className="contents" data-upload-form>
            <DialogBody>
              <fieldset disabled={uploading} className="grid gap-5 disabled:opacity-70">
                {error !== null && <UploadError error={error} />}
                <UploadTextFields ids={ids} form={form} set={set} live={live} uploading={uploading} />
                <UploadChoiceFields ids={ids} form={form} set={set} show={show} />
                <UploadScheduleField ids={ids} form={form} set={set} setScheduled={setScheduled} show={show} />
                {defaults && (
                  <p className="text-xs text-muted-foreground">
                    Uses {defaults.quota_cost.toLocaleString("en-US")} units of today&rsquo;s YouTube API quota.
                  </p>
                )}
              </fieldset>
            </DialogBody>

            <UploadFooter track={track} uploading={uploading} onClose={() => onOpenChange(false)} />
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
