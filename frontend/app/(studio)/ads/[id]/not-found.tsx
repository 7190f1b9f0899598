import { NotFoundState } from "@/components/shell/panel-state";

export default function BriefNotFound() {
  return (
    <NotFoundState
      title="This brief is not here"
      description="It may have been deleted, or the link is mistyped."
      back={{ href: "/ads", label: "Back to ads" }}
    />
  );
}
