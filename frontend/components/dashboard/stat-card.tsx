import { Card, CardContent } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/utils";

export function StatCard({
  label,
  icon: Icon,
  value,
  children,
  className,
  testId,
}: {
  label: string;
  icon: React.ComponentType<{ className?: string }>;
  value: React.ReactNode;
  children?: React.ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <Card className={cn("gap-3 py-4 sm:py-5", className)} data-testid={testId}>
      <CardContent className="grid gap-3 px-4 sm:px-5">
        <div className="flex items-center justify-between text-sm text-muted-foreground">
          <span>{label}</span>
          <Icon className="size-4 text-muted-foreground/70" aria-hidden />
        </div>
        <div className="text-xl font-semibold tracking-tight tabular-nums sm:text-2xl md:text-[1.7rem]">{value}</div>
        {children && <div className="text-xs text-muted-foreground">{children}</div>}
      </CardContent>
    </Card>
  );
}

export function StatCardSkeleton() {
  return (
    <Card className="gap-3">
      <CardContent className="grid gap-3">
        <Skeleton className="h-4 w-24" />
        <Skeleton className="h-8 w-20" />
        <Skeleton className="h-3 w-full" />
      </CardContent>
    </Card>
  );
}
