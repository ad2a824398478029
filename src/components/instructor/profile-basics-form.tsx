"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent, type KeyboardEvent } from "react";
import { toApiError, type ApiError } from "~/components/forms/api-error";
import { TimeZoneSelect } from "~/components/forms/time-zone-select";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { CheckboxRow } from "~/components/ui/choice";
import { TextField } from "~/components/ui/field";
import { CloseIcon } from "~/components/ui/icons";
import { TextAreaField } from "~/components/ui/textarea-field";
import { api, type RouterOutputs } from "~/trpc/react";

type Profile = RouterOutputs["instructor"]["myProfile"];

/** Headline, bio, experience, languages, time zone and the three ways of teaching. */
export function ProfileBasicsForm({ profile, zones }: { profile: Profile; zones: string[] }) {
  const router = useRouter();
  const utils = api.useUtils();
  const update = api.instructor.updateProfile.useMutation();
  const [headline, setHeadline] = useState(profile.headline);
  const [bio, setBio] = useState(profile.bio);
  const [years, setYears] = useState(String(profile.yearsExperience));
  const [languages, setLanguages] = useState<string[]>(profile.languages);
  const [langDraft, setLangDraft] = useState("");
  const [timeZone, setTimeZone] = useState(profile.timeZone);
  const [caps, setCaps] = useState({
    offersTravel: profile.offersTravel,
    offersAtLocation: profile.offersAtLocation,
    offersOnline: profile.offersOnline,
  });
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);

  const touch = () => setSaved(false);

  function addLanguage() {
    const l = langDraft.trim();
    if (!l) return;
    if (!languages.some((x) => x.toLowerCase() === l.toLowerCase())) setLanguages([...languages, l]);
    setLangDraft("");
    touch();
  }

  function onLangKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "Enter" || e.key === ",") {
      e.preventDefault();
      addLanguage();
    }
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setSaved(false);
    const pending = langDraft.trim();
    const langs =
      pending && !languages.some((x) => x.toLowerCase() === pending.toLowerCase())
        ? [...languages, pending]
        : languages;
    const yearsNum = years.trim() === "" ? 0 : Number(years);
    if (!Number.isInteger(yearsNum) || yearsNum < 0) {
      setError({
        message: "Please fix the highlighted fields.",
        code: "BAD_REQUEST",
        fieldErrors: { yearsExperience: ["Enter whole years, 0 or more"] },
        details: {},
      });
      return;
    }
    try {
      await update.mutateAsync({ headline, bio, yearsExperience: yearsNum, languages: langs, timeZone, ...caps });
      setLanguages(langs);
      setLangDraft("");
      setSaved(true);
      void utils.instructor.checklist.invalidate();
      void utils.instructor.myProfile.invalidate();
      router.refresh();
    } catch (err) {
      setError(toApiError(err));
    }
  }

  const fe = (k: string) => error?.fieldErrors[k] ?? null;

  return (
    <Card id="about" title="About you" description="What students read on your profile before they book.">
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label="About you" className="space-y-5">
        {error && <Alert tone="error">{error.message}</Alert>}
        <TextField
          label="Headline"
          value={headline}
          maxLength={120}
          placeholder="Patient piano teacher for beginners and returning adults"
          onChange={(e) => {
            setHeadline(e.target.value);
            touch();
          }}
          error={fe("headline")}
          hint="One line under your name in search results."
        />
        <TextAreaField
          label="Bio"
          value={bio}
          maxLength={4000}
          rows={6}
          showCount
          onChange={(e) => {
            setBio(e.target.value);
            touch();
          }}
          error={fe("bio")}
          hint="Your background, how you teach, who you love teaching. At least 80 characters reads well."
        />
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField
            label="Years of experience"
            type="number"
            inputMode="numeric"
            min={0}
            max={70}
            value={years}
            onChange={(e) => {
              setYears(e.target.value);
              touch();
            }}
            error={fe("yearsExperience")}
          />
          <TimeZoneSelect
            label="Time zone"
            zones={zones}
            value={timeZone}
            onChange={(z) => {
              setTimeZone(z);
              touch();
            }}
            error={fe("timeZone")}
            hint="Your calendar and availability use this zone."
          />
        </div>
        <div>
          <TextField
            label="Languages you teach in"
            value={langDraft}
            onChange={(e) => setLangDraft(e.target.value)}
            onKeyDown={onLangKey}
            onBlur={addLanguage}
            placeholder="Type a language and press Enter"
            error={fe("languages")}
            maxLength={40}
          />
          {languages.length > 0 && (
            <ul className="mt-2 flex flex-wrap gap-2" aria-label="Languages">
              {languages.map((l) => (
                <li
                  key={l}
                  className="inline-flex items-center gap-1 rounded-full bg-slate-100 py-1 pr-1 pl-3 text-sm font-medium text-slate-800"
                >
                  {l}
                  <button
                    type="button"
                    className="inline-flex size-6 items-center justify-center rounded-full text-slate-500 hover:bg-slate-200 hover:text-slate-900"
                    aria-label={`Remove ${l}`}
                    onClick={() => {
                      setLanguages(languages.filter((x) => x !== l));
                      touch();
                    }}
                  >
                    <CloseIcon className="size-3.5" />
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <fieldset className="space-y-2">
          <legend className="mb-1.5 text-sm font-medium text-slate-800">Where you teach</legend>
          <CheckboxRow
            label="I travel to students"
            description="At their home, or a public place you agree on. Choose your areas below."
            checked={caps.offersTravel}
            onChange={(v) => {
              setCaps({ ...caps, offersTravel: v });
              touch();
            }}
            error={fe("offersTravel")}
          />
          <CheckboxRow
            label="Students come to me"
            description="Your studio or home. The exact address stays private."
            checked={caps.offersAtLocation}
            onChange={(v) => {
              setCaps({ ...caps, offersAtLocation: v });
              touch();
            }}
            error={fe("offersAtLocation")}
          />
          <CheckboxRow
            label="I teach online"
            description="Video lessons from anywhere."
            checked={caps.offersOnline}
            onChange={(v) => {
              setCaps({ ...caps, offersOnline: v });
              touch();
            }}
            error={fe("offersOnline")}
          />
        </fieldset>
        <div className="flex items-center gap-3">
          <Button type="submit" loading={update.isPending}>
            {update.isPending ? "Saving…" : "Save profile"}
          </Button>
          <p role="status" className="text-sm font-medium text-emerald-700">
            {saved ? "Profile saved." : ""}
          </p>
        </div>
      </form>
    </Card>
  );
}
