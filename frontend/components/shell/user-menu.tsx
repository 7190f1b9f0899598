import { LogOut } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { getMe } from "@/lib/api/queries";
import { logout } from "@/lib/auth/actions";
import { cn } from "@/lib/utils";

/** The signed-in user's email and the sign-out button (a plain form: works before hydration). */
export async function UserMenu({ className }: { className?: string }) {
  const user = await getMe();
  const initial = user.email.charAt(0).toUpperCase();
  return (
    <div className={cn("flex min-w-0 items-center gap-2", className)}>
      <span
        aria-hidden
        className="grid size-8 shrink-0 place-items-center rounded-full bg-gradient-to-br from-primary/40 to-haze/40 text-xs font-semibold"
      >
        {initial}
      </span>
      <span className="min-w-0 flex-1 truncate text-sm text-muted-foreground" data-testid="user-email" title={user.email}>
        {user.email}
      </span>
      <form action={logout}>
        <Button type="submit" variant="ghost" size="icon" aria-label="Sign out" title="Sign out">
          <LogOut />
        </Button>
      </form>
    </div>
  );
}

export function UserMenuSkeleton({ className }: { className?: string }) {
  return (
    <div className={cn("flex items-center gap-2", className)}>
      <Skeleton className="size-8 rounded-full" />
      <Skeleton className="h-4 flex-1" />
    </div>
  );
}
