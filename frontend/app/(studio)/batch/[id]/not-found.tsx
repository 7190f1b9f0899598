import { NotFoundState } from "@/components/shell/panel-state";

export default function BatchNotFound() {
  return (
    <NotFoundState
      title="This batch is not here"
      description="The link may be mistyped, or the batch belongs to another account."
      back={{ href: "/batch", label: "Back to batches" }}
    />
  );
}
