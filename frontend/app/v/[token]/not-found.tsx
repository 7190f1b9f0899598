import { Link2Off } from "lucide-react";

import { EmptyState } from "@/components/shell/panel-state";

/** A revoked or mistyped share link: said plainly, with nothing of the studio behind it. */
export default function SharedNotFound() {
  return (
    <main className="mx-auto max-w-lg px-4 pt-24">
      <EmptyState icon={Link2Off} title="This video is not available" description="The link was revoked by its owner, or it is not quite right." />
    </main>
  );
}
