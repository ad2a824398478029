import Link from "next/link";
import { CATEGORIES, POPULAR_SEARCHES } from "~/components/landing/categories";
import { HeroCollage } from "~/components/landing/hero-collage";
import { SearchBox } from "~/components/landing/search-box";
import { ButtonLink } from "~/components/ui/button";
import {
  ArrowRightIcon,
  CalendarIcon,
  CreditCardIcon,
  LockIcon,
  MapPinIcon,
  MessageIcon,
  RotateIcon,
  SearchIcon,
  ShieldCheckIcon,
  StarIcon,
} from "~/components/ui/icons";

const STEPS = [
  {
    Icon: SearchIcon,
    title: "Say what you want to learn",
    body: "Type it in plain words — “guitar for a beginner, weekends, near Astoria” — and see instructors who match, with real prices and reviews.",
  },
  {
    Icon: MessageIcon,
    title: "Message, then book a time",
    body: "Ask questions before you commit. Pick a slot from the instructor’s live calendar: at your place, at theirs, or online.",
  },
  {
    Icon: CalendarIcon,
    title: "Learn, and pay after",
    body: "Your card is saved when you book and charged only after your lesson. Reschedule or cancel from your lessons page.",
  },
];

const TRUST = [
  {
    Icon: ShieldCheckIcon,
    title: "Checked instructors",
    body: "Every instructor passes a background check before their profile goes live.",
  },
  {
    Icon: CreditCardIcon,
    title: "Secure payments",
    body: "Payments run through Stripe. Your card is authorized a day before the lesson and charged after it.",
  },
  {
    Icon: RotateIcon,
    title: "Free cancellation",
    body: "Cancel for free up to 24 hours before your lesson. If your instructor cancels, you never pay.",
  },
  {
    Icon: StarIcon,
    title: "Honest reviews",
    body: "Only students who completed a lesson can leave a review — one per lesson.",
  },
  {
    Icon: MapPinIcon,
    title: "Lessons your way",
    body: "At your place, at the instructor’s studio or online — each instructor shows what they offer.",
  },
  {
    Icon: LockIcon,
    title: "Private by design",
    body: "Exact addresses are never public; profiles show a neighbourhood and a first name with an initial.",
  },
];

export default function HomePage() {
  return (
    <>
      {/* Hero */}
      <section
        aria-labelledby="hero-title"
        className="relative overflow-hidden bg-gradient-to-b from-brand-50/70 via-white to-white"
      >
        <div className="mx-auto grid max-w-7xl items-center gap-12 px-4 pt-12 pb-16 sm:px-6 md:pt-20 lg:grid-cols-[1.1fr_1fr] lg:px-8 lg:pb-24">
          <div>
            <p className="inline-flex items-center gap-2 rounded-full bg-white px-3 py-1 text-sm font-medium text-brand-700 shadow-card ring-1 ring-brand-100">
              <span className="size-2 rounded-full bg-emerald-500" aria-hidden="true" />
              In person across the city, or online
            </p>
            <h1
              id="hero-title"
              className="mt-5 text-4xl leading-[1.08] font-extrabold tracking-tight text-balance text-slate-900 sm:text-5xl lg:text-6xl"
            >
              Learn anything from a <span className="text-brand-600">great teacher</span> near you.
            </h1>
            <p className="mt-5 max-w-xl text-lg text-pretty text-slate-600">
              Piano, SAT math, Spanish, swimming and hundreds more. Message instructors, book from their real
              availability and pay only after your lesson.
            </p>
            <SearchBox className="mt-8 max-w-2xl" />
            <div className="mt-5 flex flex-wrap items-center gap-2">
              <span className="text-sm text-slate-500">Popular:</span>
              {POPULAR_SEARCHES.map((q) => (
                <Link
                  key={q}
                  href={`/search?q=${encodeURIComponent(q)}`}
                  className="rounded-full border border-slate-200 bg-white px-3 py-1 text-sm font-medium text-slate-700 hover:border-brand-300 hover:text-brand-700"
                >
                  {q}
                </Link>
              ))}
            </div>
          </div>
          <HeroCollage />
        </div>
      </section>

      {/* Categories */}
      <section aria-labelledby="categories-title" className="mx-auto w-full max-w-7xl px-4 py-16 sm:px-6 lg:px-8">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h2 id="categories-title" className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">
              Explore by category
            </h2>
            <p className="mt-2 text-slate-600">From first lessons to exam prep and performance coaching.</p>
          </div>
          <Link
            href="/search"
            className="inline-flex items-center gap-1 text-sm font-semibold text-brand-700 hover:text-brand-800"
          >
            Browse all instructors <ArrowRightIcon className="size-4" />
          </Link>
        </div>
        <ul className="mt-8 grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4 lg:grid-cols-4">
          {CATEGORIES.map(({ name, examples, Icon, tone }) => (
            <li key={name}>
              <Link
                href={`/search?q=${encodeURIComponent(name)}`}
                className="group flex h-full flex-col rounded-2xl border border-slate-200 bg-white p-4 transition hover:-translate-y-0.5 hover:border-brand-200 hover:shadow-card sm:p-5"
              >
                <span className={`flex size-11 items-center justify-center rounded-xl ${tone}`}>
                  <Icon className="size-5" />
                </span>
                <span className="mt-4 font-semibold text-slate-900 group-hover:text-brand-700">{name}</span>
                <span className="mt-1 text-sm text-slate-500">{examples.join(" · ")}</span>
              </Link>
            </li>
          ))}
          <li>
            <Link
              href="/search"
              className="flex h-full flex-col justify-between rounded-2xl bg-slate-900 p-4 text-white transition hover:-translate-y-0.5 hover:bg-slate-800 sm:p-5"
            >
              <span className="font-semibold">Something else?</span>
              <span className="mt-4 text-sm text-slate-300">
                Describe it in your own words — we&apos;ll find the right instructor.
              </span>
              <ArrowRightIcon className="mt-3 size-5" />
            </Link>
          </li>
        </ul>
      </section>

      {/* How it works */}
      <section
        id="how-it-works"
        aria-labelledby="how-title"
        className="scroll-mt-20 border-y border-slate-200 bg-slate-50"
      >
        <div className="mx-auto max-w-7xl px-4 py-16 sm:px-6 lg:px-8">
          <h2 id="how-title" className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">
            How it works
          </h2>
          <ol className="mt-10 grid gap-6 md:grid-cols-3">
            {STEPS.map(({ Icon, title, body }, i) => (
              <li key={title} className="relative rounded-2xl bg-white p-6 shadow-card">
                <div className="flex items-center gap-3">
                  <span className="flex size-10 items-center justify-center rounded-full bg-brand-600 text-white">
                    <Icon className="size-5" />
                  </span>
                  <span className="text-sm font-semibold text-brand-700">Step {i + 1}</span>
                </div>
                <h3 className="mt-4 text-lg font-semibold text-slate-900">{title}</h3>
                <p className="mt-2 text-slate-600">{body}</p>
              </li>
            ))}
          </ol>
        </div>
      </section>

      {/* Trust */}
      <section aria-labelledby="trust-title" className="mx-auto w-full max-w-7xl px-4 py-16 sm:px-6 lg:px-8">
        <div className="grid gap-10 lg:grid-cols-[1fr_2fr]">
          <div>
            <h2 id="trust-title" className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">
              Book with confidence
            </h2>
            <p className="mt-3 text-slate-600">
              We built InstaInstru for parents, students and lifelong learners who want a good teacher without the
              guesswork.
            </p>
          </div>
          <ul className="grid gap-x-8 gap-y-8 sm:grid-cols-2">
            {TRUST.map(({ Icon, title, body }) => (
              <li key={title} className="flex gap-4">
                <span className="flex size-10 shrink-0 items-center justify-center rounded-xl bg-emerald-50 text-emerald-700">
                  <Icon className="size-5" />
                </span>
                <div>
                  <h3 className="font-semibold text-slate-900">{title}</h3>
                  <p className="mt-1 text-sm text-slate-600">{body}</p>
                </div>
              </li>
            ))}
          </ul>
        </div>
      </section>

      {/* Instructor call to action */}
      <section aria-labelledby="teach-title" className="px-4 pb-16 sm:px-6 lg:px-8">
        <div className="mx-auto flex max-w-7xl flex-col items-start justify-between gap-6 overflow-hidden rounded-3xl bg-gradient-to-br from-brand-700 to-brand-950 px-6 py-10 text-white sm:px-10 md:flex-row md:items-center">
          <div>
            <h2 id="teach-title" className="text-2xl font-bold tracking-tight sm:text-3xl">
              Teach what you love. Get paid on your schedule.
            </h2>
            <p className="mt-2 max-w-2xl text-brand-100">
              Set your rate and your hours, teach at home, at your studio or online. We handle bookings, reminders and
              payments.
            </p>
          </div>
          <ButtonLink
            href="/sign-up?role=instructor"
            variant="outline"
            size="lg"
            className="border-transparent text-brand-800"
          >
            Become an instructor
          </ButtonLink>
        </div>
      </section>
    </>
  );
}
