import { Layers } from "lucide-react";
import type { Metadata } from "next";

import { EmptyState } from "@/components/shell/panel-state";
import { PageHeader } from "@/components/shell/page-header";

export const metadata: Metadata = { title: "Batch" };

export default function BatchPage() {
  return (
    <>
      <PageHeader title="Batch" description="Up to ten prompts in one go, processed in order." />
      <EmptyState
        icon={Layers}
        title="Batch generation is on its way"
        description="Until then, generate tracks one at a time from the dashboard; they all land in History."
        action={{ href: "/dashboard", label: "Open the dashboard" }}
      />
    </>
  );
}
