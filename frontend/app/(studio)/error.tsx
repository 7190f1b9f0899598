"use client";

import { RotateCcw, ServerCrash } from "lucide-react";
import { useRouter } from "next/navigation";
import { startTransition } from "react";

import { Button } from "@/components/ui/button";

// In production Next hides server error messages from the browser, so this says what the
// creator can do rather than what went wrong; panels that can, show the API's detail in place.
export default function StudioError({ reset }: { error: Error; reset: () => void }) {
  const router = useRouter();
  // reset() alone re-renders with the same server payload; refresh fetches it again.
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  return (
    <div role="alert" className="mx-auto mt-16 grid max-w-md justify-items-center gap-4 text-center">
      <span className="grid size-12 place-items-center rounded-full bg-destructive/15">
        <ServerCrash className="size-5 text-destructive" aria-hidden />
      </span>
      <div>
        <h1 className="text-lg font-semibold">This page could not load</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          The studio server did not answer as expected. Check that it is running, then try again.
        </p>
      </div>
      <Button variant="outline" onClick={retry}>
        <RotateCcw aria-hidden /> Try again
      </Button>
    </div>
  );
}
