import { ButtonLink } from "~/components/ui/button";

export const metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <div className="mx-auto flex max-w-lg flex-1 flex-col items-center justify-center px-4 py-20 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900">We can&apos;t find that page</h1>
      <p className="mt-3 text-slate-600">
        It may have moved, or it isn&apos;t built yet. Try searching for what you want to learn.
      </p>
      <div className="mt-6 flex gap-3">
        <ButtonLink href="/search">Find an instructor</ButtonLink>
        <ButtonLink href="/" variant="outline">
          Go home
        </ButtonLink>
      </div>
    </div>
  );
}
