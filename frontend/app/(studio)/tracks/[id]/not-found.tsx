import { SearchX } from "lucide-react";

import { EmptyState } from "@/components/shell/panel-state";

export default function TrackNotFound() {
  return (
    <EmptyState
      icon={SearchX}
      title="This track is not here"
      description="It may have been deleted, or the link is mistyped."
      action={{ href: "/history", label: "Back to history" }}
      className="mt-10"
    />
  );
}
