"use client";

import * as RadioGroupPrimitive from "@radix-ui/react-radio-group";
import type * as React from "react";

import { cn } from "@/lib/utils";

function RadioGroup({ className, ...props }: React.ComponentProps<typeof RadioGroupPrimitive.Root>) {
  return <RadioGroupPrimitive.Root data-slot="radio-group" className={cn("grid gap-2", className)} {...props} />;
}

function RadioGroupItem({ className, ...props }: React.ComponentProps<typeof RadioGroupPrimitive.Item>) {
  return (
    <RadioGroupPrimitive.Item
      data-slot="radio-group-item"
      className={cn(
        "peer grid aspect-square size-4 shrink-0 place-items-center rounded-full border border-input bg-background/50 shadow-xs transition-[color,box-shadow] outline-none focus-visible:ring-[3px] focus-visible:ring-ring disabled:cursor-not-allowed disabled:opacity-50 aria-invalid:border-destructive data-[state=checked]:border-primary",
        className,
      )}
      {...props}
    >
      <RadioGroupPrimitive.Indicator className="size-2 rounded-full bg-primary" />
    </RadioGroupPrimitive.Item>
  );
}

/**
 * A radio option drawn as a bordered tile (label and hint inside), the whole tile clickable.
 * Used where the choice matters enough to read: privacy, made for kids.
 */
function RadioTile({
  value,
  id,
  label,
  hint,
  disabled,
  invalid,
  className,
}: {
  value: string;
  id: string;
  label: React.ReactNode;
  hint?: React.ReactNode;
  disabled?: boolean;
  invalid?: boolean;
  className?: string;
}) {
  return (
    <label
      htmlFor={id}
      className={cn(
        "flex cursor-pointer items-start gap-2.5 rounded-lg border bg-background/30 px-3 py-2.5 text-sm transition-colors hover:bg-accent/40 has-[[data-state=checked]]:border-primary/50 has-[[data-state=checked]]:bg-primary/10 has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-50",
        invalid && "border-destructive/60",
        className,
      )}
    >
      <RadioGroupItem value={value} id={id} disabled={disabled} aria-invalid={invalid || undefined} className="mt-0.5" />
      <span className="grid gap-0.5 leading-tight">
        <span className="font-medium">{label}</span>
        {hint && <span className="text-xs text-muted-foreground">{hint}</span>}
      </span>
    </label>
  );
}

export { RadioGroup, RadioGroupItem, RadioTile };
