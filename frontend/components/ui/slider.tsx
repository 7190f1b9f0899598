"use client";

import * as SliderPrimitive from "@radix-ui/react-slider";
import type * as React from "react";

import { cn } from "@/lib/utils";

function Slider({
  className,
  "aria-label": label,
  "aria-valuetext": valueText,
  ...props
}: React.ComponentProps<typeof SliderPrimitive.Root>) {
  return (
    <SliderPrimitive.Root
      data-slot="slider"
      className={cn(
        "relative flex w-full touch-none items-center select-none data-[disabled]:opacity-50",
        className,
      )}
      {...props}
    >
      <SliderPrimitive.Track className="relative h-1.5 w-full grow overflow-hidden rounded-full bg-muted">
        <SliderPrimitive.Range className="absolute h-full bg-gradient-to-r from-primary/70 to-primary" />
      </SliderPrimitive.Track>
      <SliderPrimitive.Thumb
        // The thumb is the focusable slider, so it carries the name and spoken value.
        aria-label={label}
        aria-valuetext={valueText}
        className="block size-4 shrink-0 rounded-full border-2 border-primary bg-background shadow-sm transition-[box-shadow] outline-none hover:ring-4 hover:ring-ring/30 focus-visible:ring-4 focus-visible:ring-ring disabled:pointer-events-none"
      />
    </SliderPrimitive.Root>
  );
}

export { Slider };
