import { NotFoundState } from "@/components/shell/panel-state";

export default function SongNotFound() {
  return (
    <NotFoundState
      title="This song is not here"
      description="It may have been deleted, or the link is mistyped."
      back={{ href: "/music", label: "Back to music video" }}
    />
  );
}
