import { SearchX } from "lucide-react";

import { EmptyState } from "@/components/shell/panel-state";

export default function BatchNotFound() {
  return (
    <EmptyState
      icon={SearchX}
      title="This batch is not here"
      description="The link may be mistyped, or the batch belongs to another account."
      action={{ href: "/batch", label: "Back to batches" }}
      className="mt-10"
    />
  );
}
