"use client";

import { useState, type FormEvent } from "react";
import { LOCATION_SHORT, AGE_LABEL, LEVEL_LABEL, type LocationType } from "~/components/booking/labels";
import { toApiError, type ApiError } from "~/components/forms/api-error";
import { formatMoney } from "~/components/time/format";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { CheckboxGroup } from "~/components/ui/choice";
import { Dialog } from "~/components/ui/dialog";
import { SelectField, TextField } from "~/components/ui/field";
import { PencilIcon, PlusIcon, TrashIcon } from "~/components/ui/icons-extra";
import { Spinner } from "~/components/ui/spinner";
import { TextAreaField } from "~/components/ui/textarea-field";
import { api, type RouterOutputs } from "~/trpc/react";

type Service = RouterOutputs["instructor"]["services"][number];
type Caps = { offersTravel: boolean; offersAtLocation: boolean; offersOnline: boolean };

const DURATIONS = [30, 45, 60, 90] as const;
const LOCATIONS: { value: LocationType; label: string; cap: keyof Caps; capLabel: string }[] = [
  { value: "student_location", label: "At the student's place", cap: "offersTravel", capLabel: "I travel to students" },
  { value: "neutral_location", label: "At a public place", cap: "offersTravel", capLabel: "I travel to students" },
  { value: "instructor_location", label: "At my place", cap: "offersAtLocation", capLabel: "Students come to me" },
  { value: "online", label: "Online", cap: "offersOnline", capLabel: "I teach online" },
];
const AGES = ["kids", "teens", "adults"] as const;
const LEVELS = ["beginner", "intermediate", "advanced"] as const;

type Draft = {
  subjectId: string;
  rate: string;
  durations: number[];
  locationTypes: LocationType[];
  ageGroups: (typeof AGES)[number][];
  levels: (typeof LEVELS)[number][];
  description: string;
};

const emptyDraft = (caps: Caps): Draft => ({
  subjectId: "",
  rate: "",
  durations: [60],
  locationTypes: LOCATIONS.filter((l) => caps[l.cap] && l.value !== "neutral_location").map((l) => l.value),
  ageGroups: ["adults"],
  levels: ["beginner"],
  description: "",
});

const fromService = (s: Service): Draft => ({
  subjectId: s.subject.id,
  rate: (s.hourlyRateCents / 100).toFixed(s.hourlyRateCents % 100 === 0 ? 0 : 2),
  durations: s.durations,
  locationTypes: s.locationTypes,
  ageGroups: s.ageGroups,
  levels: s.levels,
  description: s.description,
});

/** "80", "80.5", "$80.50" → 8050; null when it isn't an amount. */
function dollarsToCents(v: string): number | null {
  const clean = v.replace(/[$,\s]/g, "");
  if (!/^\d+(\.\d{1,2})?$/.test(clean)) return null;
  return Math.round(Number(clean) * 100);
}

/** The instructor's lesson services: list, add/edit in a dialog, deactivate/remove and reactivate. */
export function ServicesManager({ caps }: { caps: Caps }) {
  const utils = api.useUtils();
  const services = api.instructor.services.useQuery();
  const remove = api.instructor.removeService.useMutation();
  const reactivate = api.instructor.reactivateService.useMutation();
  const [editing, setEditing] = useState<Service | "new" | null>(null);
  const [removing, setRemoving] = useState<Service | null>(null);
  const [notice, setNotice] = useState<{ tone: "success" | "error" | "info"; text: string } | null>(null);

  async function refresh() {
    await utils.instructor.services.invalidate();
    void utils.instructor.checklist.invalidate();
  }

  async function onRemove(s: Service) {
    setNotice(null);
    try {
      const r = await remove.mutateAsync({ id: s.id });
      setRemoving(null);
      setNotice(
        r.outcome === "deleted"
          ? { tone: "success", text: `${s.subject.name} was removed.` }
          : {
              tone: "info",
              text: `${s.subject.name} has bookings, so it was deactivated instead of deleted. Its lesson history stays, and you can turn it back on any time.`,
            },
      );
      await refresh();
    } catch (err) {
      setRemoving(null);
      setNotice({ tone: "error", text: toApiError(err).message });
    }
  }

  async function onReactivate(s: Service) {
    setNotice(null);
    try {
      await reactivate.mutateAsync({ id: s.id });
      setNotice({ tone: "success", text: `${s.subject.name} is active again.` });
      await refresh();
    } catch (err) {
      setNotice({ tone: "error", text: toApiError(err).message });
    }
  }

  return (
    <div className="space-y-5">
      <div className="flex justify-end">
        <Button onClick={() => setEditing("new")}>
          <PlusIcon className="size-4" /> Add a service
        </Button>
      </div>
      {notice && <Alert tone={notice.tone}>{notice.text}</Alert>}
      {services.isPending ? (
        <p className="flex items-center gap-2 text-sm text-slate-500">
          <Spinner /> Loading services…
        </p>
      ) : services.isError ? (
        <Alert tone="error">{toApiError(services.error).message}</Alert>
      ) : services.data.length === 0 ? (
        <div className="rounded-2xl border border-dashed border-slate-300 bg-slate-50 px-6 py-12 text-center">
          <h2 className="text-lg font-semibold text-slate-900">No services yet</h2>
          <p className="mx-auto mt-1 max-w-md text-slate-600">
            Add what you teach, your hourly rate and lesson lengths. Students book a service.
          </p>
          <Button className="mt-5" onClick={() => setEditing("new")}>
            <PlusIcon className="size-4" /> Add your first service
          </Button>
        </div>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2" aria-label="Your services">
          {services.data.map((s) => (
            <li key={s.id} className="flex flex-col rounded-2xl border border-slate-200 bg-white p-5 shadow-card">
              <div className="flex items-start justify-between gap-3">
                <div>
                  <h2 className="text-lg font-semibold text-slate-900">{s.subject.name}</h2>
                  <p className="text-sm text-slate-600">
                    <span className="font-semibold text-slate-900">{formatMoney(s.hourlyRateCents, s.currency)}</span> /
                    hour · {s.durations.join(", ")} min
                  </p>
                </div>
                <Badge tone={s.isActive ? "success" : "neutral"}>{s.isActive ? "Active" : "Inactive"}</Badge>
              </div>
              <div className="mt-3 flex flex-wrap gap-1.5">
                {s.locationTypes.map((l) => (
                  <Badge key={l} tone="brand">
                    {LOCATION_SHORT[l]}
                  </Badge>
                ))}
                {s.ageGroups.map((a) => (
                  <Badge key={a}>{AGE_LABEL[a]}</Badge>
                ))}
                {s.levels.map((l) => (
                  <Badge key={l}>{LEVEL_LABEL[l]}</Badge>
                ))}
              </div>
              {s.description && <p className="mt-3 line-clamp-3 text-sm text-slate-600">{s.description}</p>}
              <div className="mt-auto flex flex-wrap gap-2 pt-4">
                <Button variant="outline" size="sm" onClick={() => setEditing(s)} aria-label={`Edit ${s.subject.name}`}>
                  <PencilIcon className="size-4" /> Edit
                </Button>
                {s.isActive ? (
                  <Button
                    variant="ghost"
                    size="sm"
                    className="text-red-700 hover:bg-red-50"
                    onClick={() => setRemoving(s)}
                    aria-label={`Remove ${s.subject.name}`}
                  >
                    <TrashIcon className="size-4" /> Remove
                  </Button>
                ) : (
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() => void onReactivate(s)}
                    loading={reactivate.isPending && reactivate.variables?.id === s.id}
                  >
                    Turn back on
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}

      <ServiceDialog
        key={editing === null ? "closed" : editing === "new" ? "new" : editing.id}
        open={editing !== null}
        service={editing === "new" ? null : editing}
        caps={caps}
        onClose={() => setEditing(null)}
        onSaved={(name, isNew) => {
          setEditing(null);
          setNotice({
            tone: "success",
            text: isNew
              ? `${name} added. Open some times in Availability so students can book it.`
              : `${name} updated.`,
          });
          void refresh();
        }}
      />

      <Dialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        title={`Remove ${removing?.subject.name ?? "service"}?`}
        description="Students can't book it any more. If it has bookings it is deactivated rather than deleted, so its history stays and existing lessons go ahead."
        size="sm"
        footer={
          <>
            <Button variant="ghost" onClick={() => setRemoving(null)}>
              Keep it
            </Button>
            <Button variant="danger" onClick={() => removing && void onRemove(removing)} loading={remove.isPending}>
              Remove service
            </Button>
          </>
        }
      />
    </div>
  );
}

function ServiceDialog({
  open,
  service,
  caps,
  onClose,
  onSaved,
}: {
  open: boolean;
  service: Service | null;
  caps: Caps;
  onClose: () => void;
  onSaved: (subjectName: string, isNew: boolean) => void;
}) {
  const categories = api.catalog.categories.useQuery(undefined, { staleTime: 5 * 60_000, enabled: open });
  const add = api.instructor.addService.useMutation();
  const update = api.instructor.updateService.useMutation();
  const [d, setD] = useState<Draft>(() => (service ? fromService(service) : emptyDraft(caps)));
  const [error, setError] = useState<ApiError | null>(null);
  const pending = add.isPending || update.isPending;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const cents = dollarsToCents(d.rate);
    if (cents === null) {
      setError({
        message: "Please fix the highlighted fields.",
        code: "BAD_REQUEST",
        fieldErrors: { hourlyRateCents: ["Enter an amount in dollars, like 80 or 72.50"] },
        details: {},
      });
      return;
    }
    const fields = {
      hourlyRateCents: cents,
      durations: d.durations,
      locationTypes: d.locationTypes,
      ageGroups: d.ageGroups,
      levels: d.levels,
      description: d.description,
    };
    try {
      const saved = service
        ? await update.mutateAsync({ id: service.id, ...fields })
        : await add.mutateAsync({ subjectId: d.subjectId, ...fields });
      onSaved(saved.subject.name, !service);
    } catch (err) {
      const e2 = toApiError(err);
      // A duplicate subject comes back as a CONFLICT naming the field.
      if (e2.details.field === "subjectId") e2.fieldErrors.subjectId = [e2.message];
      setError(e2);
    }
  }

  const fe = (k: string) => error?.fieldErrors[k] ?? null;
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={service ? `Edit ${service.subject.name}` : "Add a service"}
      description="Students see the rate, lesson lengths and where you teach."
      size="lg"
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="service-form" loading={pending}>
            {pending ? "Saving…" : service ? "Save changes" : "Add service"}
          </Button>
        </>
      }
    >
      <form
        id="service-form"
        onSubmit={(e) => void onSubmit(e)}
        noValidate
        className="space-y-5"
        aria-label={service ? "Edit service" : "Add a service"}
      >
        {error && <Alert tone="error">{error.message}</Alert>}
        <div className="grid gap-5 sm:grid-cols-2">
          {service ? (
            <TextField
              label="Subject"
              value={service.subject.name}
              disabled
              readOnly
              hint="To teach another subject, add a new service."
            />
          ) : (
            <SelectField
              label="Subject"
              value={d.subjectId}
              onChange={(e) => set("subjectId", e.target.value)}
              error={fe("subjectId")}
              disabled={categories.isPending}
            >
              <option value="">{categories.isPending ? "Loading subjects…" : "Choose a subject"}</option>
              {categories.data?.map((c) => (
                <optgroup key={c.id} label={c.name}>
                  {c.subjects.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </SelectField>
          )}
          <TextField
            label="Hourly rate (USD)"
            inputMode="decimal"
            value={d.rate}
            onChange={(e) => set("rate", e.target.value)}
            placeholder="80"
            error={fe("hourlyRateCents")}
            hint="Students pay this per hour, prorated by lesson length."
          />
        </div>
        <CheckboxGroup
          legend="Lesson lengths"
          columns={4}
          options={DURATIONS.map((m) => ({ value: m, label: `${m} min` }))}
          value={d.durations}
          onChange={(v) => set("durations", v)}
          error={fe("durations")}
        />
        <CheckboxGroup
          legend="Where"
          hint="Only the ways of teaching turned on in your profile are available."
          options={LOCATIONS.map((l) => ({
            value: l.value,
            label: l.label,
            disabled: !caps[l.cap] && !d.locationTypes.includes(l.value),
            hint: caps[l.cap] ? undefined : `Turn on “${l.capLabel}” in your profile`,
          }))}
          value={d.locationTypes}
          onChange={(v) => set("locationTypes", v)}
          error={fe("locationTypes")}
        />
        <div className="grid gap-5 sm:grid-cols-2">
          <CheckboxGroup
            legend="Who"
            columns={1}
            options={AGES.map((a) => ({ value: a, label: AGE_LABEL[a] }))}
            value={d.ageGroups}
            onChange={(v) => set("ageGroups", v)}
            error={fe("ageGroups")}
          />
          <CheckboxGroup
            legend="Levels"
            columns={1}
            options={LEVELS.map((l) => ({ value: l, label: LEVEL_LABEL[l] }))}
            value={d.levels}
            onChange={(v) => set("levels", v)}
            error={fe("levels")}
          />
        </div>
        <TextAreaField
          label="Description"
          value={d.description}
          onChange={(e) => set("description", e.target.value)}
          maxLength={2000}
          showCount
          rows={4}
          error={fe("description")}
          hint="What a lesson looks like, what to bring, what students will learn."
        />
      </form>
    </Dialog>
  );
}
