import { cn } from "./cn";
import { StarIcon } from "./icons";

/** Read-only star rating: five stars filled to the average, with an accessible summary. */
export function RatingStars({
  avg,
  count,
  size = "sm",
  className,
}: {
  avg: number;
  count?: number;
  size?: "sm" | "md";
  className?: string;
}) {
  const label =
    count === 0
      ? "No reviews yet"
      : `Rated ${avg.toFixed(1)} out of 5${count !== undefined ? `, ${count} ${count === 1 ? "review" : "reviews"}` : ""}`;
  return (
    <span className={cn("inline-flex items-center gap-1.5", className)} role="img" aria-label={label}>
      <span className="inline-flex" aria-hidden="true">
        {[1, 2, 3, 4, 5].map((i) => {
          const fill = Math.max(0, Math.min(1, avg - (i - 1)));
          return (
            <span key={i} className={cn("relative inline-block", size === "sm" ? "size-4" : "size-5")}>
              <StarIcon
                className={cn("absolute inset-0 text-slate-300", size === "sm" ? "size-4" : "size-5")}
                fill="currentColor"
                strokeWidth={0}
              />
              <span className="absolute inset-0 overflow-hidden" style={{ width: `${fill * 100}%` }}>
                <StarIcon
                  className={cn("text-amber-400", size === "sm" ? "size-4" : "size-5")}
                  fill="currentColor"
                  strokeWidth={0}
                />
              </span>
            </span>
          );
        })}
      </span>
      {count !== undefined && (
        <span aria-hidden="true" className="text-sm text-slate-600">
          {count > 0 ? (
            <>
              <span className="font-semibold text-slate-900">{avg.toFixed(1)}</span> ({count})
            </>
          ) : (
            "New"
          )}
        </span>
      )}
    </span>
  );
}
