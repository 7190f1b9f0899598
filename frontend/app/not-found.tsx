import { Compass } from "lucide-react";

import { EmptyState } from "@/components/shell/panel-state";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg px-4 pt-24">
      <EmptyState
        icon={Compass}
        title="Nothing lives at this address"
        description="The page you asked for does not exist."
        action={{ href: "/dashboard", label: "Go to the studio" }}
      />
    </main>
  );
}
