import { CalendarIcon, MapPinIcon, StarIcon, VideoIcon } from "~/components/ui/icons";

/** Illustrative product preview (decorative: hidden from assistive tech). */
export function HeroCollage() {
  return (
    <div
      aria-hidden="true"
      className="relative mx-auto h-[380px] w-full max-w-md sm:h-[420px] select-none lg:max-w-none"
    >
      <div className="absolute inset-x-6 top-6 bottom-10 rounded-[2.5rem] bg-gradient-to-br from-brand-200 via-brand-100 to-amber-100" />
      <div className="absolute top-10 right-2 left-10 rotate-2 rounded-2xl bg-white p-4 shadow-pop">
        <div className="flex items-center gap-3">
          <div className="flex size-12 items-center justify-center rounded-full bg-gradient-to-br from-amber-300 to-rose-400 text-lg font-bold text-white">
            M
          </div>
          <div className="min-w-0 flex-1">
            <p className="font-semibold text-slate-900">Maria G.</p>
            <p className="text-sm text-slate-600">Piano · Classical & pop</p>
          </div>
          <p className="text-right">
            <span className="block text-lg font-bold text-slate-900">$55</span>
            <span className="text-xs text-slate-500">per hour</span>
          </p>
        </div>
        <div className="mt-3 flex flex-wrap items-center gap-2 text-xs">
          <span className="inline-flex items-center gap-1 font-semibold text-slate-800">
            <StarIcon className="size-3.5 fill-amber-400 text-amber-400" /> 4.9{" "}
            <span className="font-normal text-slate-500">(128)</span>
          </span>
          <span className="inline-flex items-center gap-1 rounded-full bg-slate-100 px-2 py-0.5 text-slate-700">
            <MapPinIcon className="size-3" /> Park Slope
          </span>
          <span className="inline-flex items-center gap-1 rounded-full bg-slate-100 px-2 py-0.5 text-slate-700">
            <VideoIcon className="size-3" /> Online
          </span>
        </div>
      </div>
      <div className="absolute top-48 left-0 w-72 -rotate-3 rounded-2xl bg-white p-4 shadow-pop">
        <p className="flex items-center gap-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
          <CalendarIcon className="size-4" /> Next available
        </p>
        <div className="mt-3 grid grid-cols-3 gap-2 text-center text-xs font-semibold whitespace-nowrap">
          {["Tue 4:00", "Tue 5:15", "Wed 9:30"].map((t, i) => (
            <span
              key={t}
              className={
                i === 1 ? "rounded-lg bg-brand-600 py-1.5 text-white" : "rounded-lg bg-brand-50 py-1.5 text-brand-700"
              }
            >
              {t}
            </span>
          ))}
        </div>
      </div>
      <div className="absolute right-4 bottom-4 w-64 rotate-1 rounded-2xl bg-white p-4 shadow-pop">
        <div className="flex items-center gap-3">
          <div className="flex size-9 items-center justify-center rounded-full bg-gradient-to-br from-sky-400 to-brand-500 text-sm font-bold text-white">
            D
          </div>
          <div>
            <p className="text-sm font-semibold text-slate-900">David K. · SAT Math</p>
            <p className="text-xs text-slate-500">Lesson confirmed</p>
          </div>
        </div>
        <p className="mt-2 rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-700">
          “See you Thursday — bring last week&apos;s practice test!”
        </p>
      </div>
    </div>
  );
}
