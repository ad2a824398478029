import { Avatar } from "~/components/shell/avatar";
import { cn } from "~/components/ui/cn";
import { CheckIcon } from "~/components/ui/icons";
import { ClockIcon } from "~/components/ui/icons-extra";
import { CheckCheckIcon } from "./icons";
import type { MessageStatus } from "./types";

/** A participant's photo, or initials from their public name ("Maria K."). Decorative: the name is shown beside it. */
export function PersonAvatar({
  name,
  photoUrl,
  className,
}: {
  name: string;
  photoUrl: string | null;
  className?: string;
}) {
  if (photoUrl)
    return <img src={photoUrl} alt="" className={cn("size-10 shrink-0 rounded-full object-cover", className)} />;
  const [first = "", last = ""] = name.split(" ");
  return <Avatar firstName={first} lastName={last} className={cn("size-10 text-sm", className)} />;
}

const TICK_LABEL: Record<MessageStatus | "sending", string> = {
  sending: "Sending",
  sent: "Sent",
  delivered: "Delivered",
  read: "Read",
};

/** Delivery state of one's own message: clock sending, ✓ sent, ✓✓ delivered, blue ✓✓ read. */
export function Ticks({ status, className }: { status: MessageStatus | "sending"; className?: string }) {
  const label = TICK_LABEL[status];
  return (
    <span
      role="img"
      aria-label={label}
      title={label}
      className={cn("inline-flex shrink-0", status === "read" ? "text-sky-500" : "text-slate-400", className)}
    >
      {status === "sending" ? (
        <ClockIcon className="size-3.5" />
      ) : status === "sent" ? (
        <CheckIcon className="size-3.5" />
      ) : (
        <CheckCheckIcon className="size-3.5" />
      )}
    </span>
  );
}

/** A count pill (unread messages); the number is repeated in words for screen readers by the owner. */
export function CountPill({ count, className }: { count: number; className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={cn(
        "inline-flex h-5 min-w-5 items-center justify-center rounded-full bg-brand-600 px-1.5 text-[11px] leading-none font-bold text-white",
        className,
      )}
    >
      {count > 99 ? "99+" : count}
    </span>
  );
}
