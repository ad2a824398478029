import { cn } from "~/components/ui/cn";

const PALETTE = ["bg-brand-600", "bg-amber-500", "bg-emerald-600", "bg-sky-600", "bg-rose-500", "bg-indigo-600"];

/** Large initials tile (the shell's Avatar is sized for the header); the colour is stable per name. */
export function InitialsAvatar({
  firstName,
  lastName,
  className,
}: {
  firstName: string;
  lastName: string;
  className?: string;
}) {
  const initials = `${firstName.charAt(0)}${lastName.charAt(0)}`.toUpperCase();
  const hash = [...`${firstName}${lastName}`].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  return (
    <span
      aria-hidden="true"
      className={cn(
        "inline-flex shrink-0 items-center justify-center rounded-2xl font-bold text-white",
        PALETTE[hash % PALETTE.length],
        className,
      )}
    >
      {initials}
    </span>
  );
}

/** The instructor's photo, or initials from the public name ("Maria G.") when there is none. */
export function InstructorPhoto({
  name,
  photoUrl,
  className,
}: {
  name: string;
  photoUrl: string | null;
  className?: string;
}) {
  if (photoUrl)
    return <img src={photoUrl} alt={`Photo of ${name}`} className={cn("rounded-2xl object-cover", className)} />;
  const [first = "", last = ""] = name.split(" ");
  return <InitialsAvatar firstName={first} lastName={last} className={className} />;
}
