import type * as React from "react";

import { cn } from "@/lib/utils";

import { fieldClass } from "./input";

function Textarea({ className, ...props }: React.ComponentProps<"textarea">) {
  return <textarea data-slot="textarea" className={cn(fieldClass, "min-h-24 py-2 leading-relaxed", className)} {...props} />;
}

export { Textarea };
