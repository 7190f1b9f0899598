"use client";

import { Toaster as Sonner, type ToasterProps } from "sonner";

function Toaster(props: ToasterProps) {
  return (
    <Sonner
      theme="dark"
      position="bottom-right"
      closeButton
      // Above the phone tab bar.
      mobileOffset={{ bottom: "5.5rem" }}
      toastOptions={{
        classNames: {
          toast: "!bg-popover !text-popover-foreground !border-border !rounded-lg",
          description: "!text-muted-foreground",
          error: "!border-destructive/40",
        },
      }}
      {...props}
    />
  );
}

export { Toaster };
