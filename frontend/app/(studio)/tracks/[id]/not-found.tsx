import { NotFoundState } from "@/components/shell/panel-state";

export default function TrackNotFound() {
  return (
    <NotFoundState
      title="This track is not here"
      description="It may have been deleted, or the link is mistyped."
      back={{ href: "/history", label: "Back to history" }}
    />
  );
}
