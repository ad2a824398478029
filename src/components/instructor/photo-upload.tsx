"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { toApiError } from "~/components/forms/api-error";
import { InitialsAvatar } from "~/components/profile/instructor-photo";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { UploadIcon } from "~/components/ui/icons-extra";
import { api } from "~/trpc/react";

const TYPES = ["image/jpeg", "image/png", "image/webp"];

type Props = { photoUrl: string | null; firstName: string; lastName: string; maxBytes: number };

/**
 * Profile photo: pick a file, check size and type before sending (the server checks again, by the file's
 * bytes), preview it, upload it as multipart to /api/uploads/photo.
 */
export function PhotoUpload({ photoUrl, firstName, lastName, maxBytes }: Props) {
  const router = useRouter();
  const utils = api.useUtils();
  const remove = api.instructor.removePhoto.useMutation();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [current, setCurrent] = useState(photoUrl);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const [uploading, setUploading] = useState(false);
  const mb = Math.floor(maxBytes / (1024 * 1024));

  // The preview's blob URL is made when a file is picked and released when it is replaced or the card unmounts.
  useEffect(() => {
    if (!preview) return;
    return () => URL.revokeObjectURL(preview);
  }, [preview]);

  function onPick(f: File | undefined) {
    setError(null);
    setStatus("");
    setFile(null);
    setPreview(null);
    if (!f) return;
    if (!TYPES.includes(f.type)) {
      setError("Choose a JPEG, PNG or WebP image.");
      return;
    }
    if (f.size > maxBytes) {
      setError(`That photo is ${(f.size / (1024 * 1024)).toFixed(1)} MB. Photos can be at most ${mb} MB.`);
      return;
    }
    setFile(f);
    setPreview(URL.createObjectURL(f));
  }

  async function onUpload() {
    if (!file) return;
    setUploading(true);
    setError(null);
    try {
      const body = new FormData();
      body.append("file", file);
      const res = await fetch("/api/uploads/photo", { method: "POST", body });
      const json = (await res.json().catch(() => null)) as { photoUrl?: string; error?: { message?: string } } | null;
      if (!res.ok || !json?.photoUrl) {
        setError(
          json?.error?.message ??
            (res.status === 413 ? `Photos can be at most ${mb} MB.` : "The upload failed. Please try again."),
        );
        return;
      }
      setCurrent(json.photoUrl);
      setFile(null);
      setPreview(null);
      if (inputRef.current) inputRef.current.value = "";
      setStatus("Photo updated.");
      void utils.instructor.checklist.invalidate();
      router.refresh();
    } catch {
      setError("We couldn't reach InstaInstru. Check your connection and try again.");
    } finally {
      setUploading(false);
    }
  }

  async function onRemove() {
    setError(null);
    try {
      await remove.mutateAsync();
      setCurrent(null);
      setStatus("Photo removed.");
      void utils.instructor.checklist.invalidate();
      router.refresh();
    } catch (err) {
      setError(toApiError(err).message);
    }
  }

  const shown = preview ?? current;

  return (
    <Card
      id="photo"
      title="Profile photo"
      description="A friendly, well-lit photo of your face. Profiles with a photo get many more bookings."
    >
      <div className="flex flex-col gap-5 sm:flex-row sm:items-center">
        <div className="relative shrink-0">
          {shown ? (
            // A local upload or blob preview: next/image adds nothing here.
            <img
              src={shown}
              alt={preview ? "Preview of your new photo" : "Your profile photo"}
              className="size-28 rounded-2xl object-cover ring-1 ring-slate-200"
            />
          ) : (
            <InitialsAvatar firstName={firstName} lastName={lastName} className="size-28 text-3xl" />
          )}
          {preview && (
            <span className="absolute -top-2 -right-2 rounded-full bg-amber-400 px-2 py-0.5 text-xs font-semibold text-amber-950">
              Preview
            </span>
          )}
        </div>
        <div className="min-w-0 flex-1 space-y-3">
          <div>
            <label htmlFor={inputId} className="text-sm font-medium text-slate-800">
              Choose a photo
            </label>
            <input
              ref={inputRef}
              id={inputId}
              type="file"
              accept={TYPES.join(",")}
              aria-describedby={`${inputId}-hint`}
              onChange={(e) => onPick(e.target.files?.[0])}
              className="mt-1.5 block w-full text-sm text-slate-700 file:mr-3 file:rounded-lg file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:text-sm file:font-semibold file:text-brand-700 hover:file:bg-brand-100"
            />
            <p id={`${inputId}-hint`} className="mt-1.5 text-xs text-slate-500">
              JPEG, PNG or WebP, up to {mb} MB.
            </p>
          </div>
          {error && <Alert tone="error">{error}</Alert>}
          <div className="flex flex-wrap items-center gap-2">
            <Button onClick={() => void onUpload()} disabled={!file} loading={uploading}>
              <UploadIcon className="size-4" /> {uploading ? "Uploading…" : "Upload photo"}
            </Button>
            {current && !preview && (
              <Button
                variant="ghost"
                onClick={() => void onRemove()}
                loading={remove.isPending}
                className="text-red-700 hover:bg-red-50"
              >
                Remove photo
              </Button>
            )}
            <p role="status" className="text-sm font-medium text-emerald-700">
              {status}
            </p>
          </div>
        </div>
      </div>
    </Card>
  );
}
