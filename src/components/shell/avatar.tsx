import { cn } from "~/components/ui/cn";

/** Initials in a coloured circle; the colour is stable per name. */
export function Avatar({
  firstName,
  lastName,
  className,
}: {
  firstName: string;
  lastName: string;
  className?: string;
}) {
  const initials = `${firstName.charAt(0)}${lastName.charAt(0)}`.toUpperCase();
  const palette = ["bg-brand-600", "bg-amber-500", "bg-emerald-600", "bg-sky-600", "bg-rose-500", "bg-indigo-600"];
  const hash = [...`${firstName}${lastName}`].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  return (
    <span
      aria-hidden="true"
      className={cn(
        "inline-flex size-8 shrink-0 items-center justify-center rounded-full text-xs font-bold text-white",
        palette[hash % palette.length],
        className,
      )}
    >
      {initials}
    </span>
  );
}
