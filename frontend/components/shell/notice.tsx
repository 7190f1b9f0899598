import { AlertTriangle, CheckCircle2, Info, XCircle } from "lucide-react";

import { cn } from "@/lib/utils";

const TONES = {
  info: { icon: Info, box: "border-primary/30 bg-primary/5", icon_: "text-primary" },
  success: { icon: CheckCircle2, box: "border-status-published/35 bg-status-published/10", icon_: "text-status-published" },
  warning: { icon: AlertTriangle, box: "border-warning/35 bg-warning/10", icon_: "text-warning" },
  error: { icon: XCircle, box: "border-destructive/35 bg-destructive/10", icon_: "text-destructive" },
} as const;

/**
 * A message in the flow of a page or card: what happened, and (in `action`) what to do.
 * Errors and warnings are announced (role=alert); the rest politely (role=status).
 */
export function Notice({
  tone = "info",
  title,
  children,
  action,
  className,
  ...props
}: {
  tone?: keyof typeof TONES;
  title?: React.ReactNode;
  children?: React.ReactNode;
  action?: React.ReactNode;
  className?: string;
} & Omit<React.ComponentProps<"div">, "title">) {
  const { icon: Icon, box, icon_ } = TONES[tone];
  return (
    <div
      role={tone === "error" || tone === "warning" ? "alert" : "status"}
      className={cn("flex flex-wrap items-start gap-3 rounded-xl border p-3.5 text-sm", box, className)}
      {...props}
    >
      <Icon className={cn("mt-0.5 size-4 shrink-0", icon_)} aria-hidden />
      <div className="min-w-0 flex-1">
        {title && <p className="font-medium">{title}</p>}
        {children && <div className={cn("text-muted-foreground", title && "mt-0.5")}>{children}</div>}
      </div>
      {action && <div className="flex shrink-0 items-center gap-2 max-sm:w-full max-sm:pl-7">{action}</div>}
    </div>
  );
}
