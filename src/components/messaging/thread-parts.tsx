import { Alert } from "~/components/ui/alert";
import { cn } from "~/components/ui/cn";
import { LockIcon, MessageIcon } from "~/components/ui/icons";

export function DaySeparator({ label }: { label: string }) {
  return (
    <li className="flex items-center gap-3 py-2" role="presentation">
      <span className="h-px flex-1 bg-slate-200" />
      <h3 className="text-xs font-semibold text-slate-500">{label}</h3>
      <span className="h-px flex-1 bg-slate-200" />
    </li>
  );
}

export function EmptyThread({ otherName, contactShared }: { otherName: string; contactShared: boolean }) {
  return (
    <div className="my-auto flex flex-col items-center py-10 text-center">
      <p className="text-base font-semibold text-slate-900">{`Start your conversation with ${otherName}`}</p>
      <p className="mt-1 max-w-sm text-sm text-slate-600">
        Say hello, share what you'd like to learn and ask about times that suit you.
      </p>
      {!contactShared && (
        <p className="mt-4 inline-flex items-center gap-1.5 rounded-full bg-slate-100 px-3 py-1 text-xs text-slate-600">
          <LockIcon className="size-3.5" /> For your safety, contact details are hidden until a lesson is confirmed.
        </p>
      )}
    </div>
  );
}

export function ThreadSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading conversation" className="flex flex-1 flex-col">
      <div className="flex items-center gap-3 border-b border-slate-200 px-5 py-3">
        <span className="size-10 animate-pulse rounded-full bg-slate-100" />
        <span className="h-4 w-40 animate-pulse rounded bg-slate-100" />
      </div>
      <div className="mx-auto flex w-full max-w-3xl flex-1 flex-col justify-end gap-3 px-6 py-6">
        {["w-1/2", "ml-auto w-1/3", "w-2/5", "ml-auto w-1/2"].map((w, i) => (
          <span key={i} className={cn("block h-10 animate-pulse rounded-2xl bg-slate-100", w)} />
        ))}
      </div>
      <div className="h-20 border-t border-slate-200" />
    </div>
  );
}

/** The inbox root's right pane on desktop (phones show the list there). */
export function NoThreadSelected({ error }: { error?: string | null }) {
  return (
    <div className="flex flex-1 flex-col items-center justify-center bg-slate-50/60 px-6 text-center">
      {error ? (
        <Alert tone="error" title="We couldn't open that conversation" className="max-w-md text-left">
          {error}
        </Alert>
      ) : (
        <>
          <span className="flex size-14 items-center justify-center rounded-full bg-white text-brand-600 shadow-card">
            <MessageIcon className="size-7" />
          </span>
          <p className="mt-4 font-semibold text-slate-900">Select a conversation</p>
          <p className="mt-1 max-w-xs text-sm text-slate-600">
            Pick someone on the left to read and reply. New messages show up here as they arrive.
          </p>
        </>
      )}
    </div>
  );
}
