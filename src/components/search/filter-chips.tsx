"use client";

import { useState, type FormEvent, type ReactNode } from "react";
import { Button } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { CloseIcon } from "~/components/ui/icons";
import { PlusIcon } from "~/components/ui/icons-extra";
import { api } from "~/trpc/react";
import {
  AUDIENCE_OPTIONS,
  DAY_OPTIONS,
  FIELD_LABEL,
  LESSON_TYPE_OPTIONS,
  LEVEL_OPTIONS,
  PART_OPTIONS,
  type ChipField,
  type ParsedQuery,
  type SearchFilters,
  type TimeSpec,
} from "./labels";

const ADDABLE: ChipField[] = ["subject", "location", "price", "lessonType", "audience", "level", "time"];

/** Filter key(s) a chip controls. */
function clearField(field: ChipField): SearchFilters {
  if (field === "price") return { priceMinCents: null, priceMaxCents: null };
  return { [field]: null };
}

/**
 * Chips from the parsed query. Each can be removed (sends `null` for that filter) or edited (sends an explicit value);
 * edits accumulate in the URL so the server parse never brings a removed chip back.
 */
export function FilterChips({
  parsed,
  filters,
  onChange,
}: {
  parsed: ParsedQuery;
  filters: SearchFilters;
  onChange: (f: SearchFilters) => void;
}) {
  const [editing, setEditing] = useState<ChipField | null>(null);
  const present = new Set(parsed.chips.map((c) => c.field));
  const addable = ADDABLE.filter((f) => !present.has(f));
  const apply = (patch: SearchFilters) => {
    setEditing(null);
    onChange({ ...filters, ...patch });
  };

  return (
    <div>
      <ul aria-label="Search filters" className="flex flex-wrap items-center gap-2">
        {parsed.chips.map((chip) => (
          <li
            key={chip.field}
            className="inline-flex items-center rounded-full border border-brand-200 bg-brand-50 text-sm text-brand-900"
          >
            <button
              type="button"
              onClick={() => setEditing(editing === chip.field ? null : chip.field)}
              aria-expanded={editing === chip.field}
              aria-label={`Edit ${FIELD_LABEL[chip.field].toLowerCase()}: ${chip.label}`}
              className="rounded-l-full py-1.5 pr-1.5 pl-3 hover:bg-brand-100"
            >
              <span className="text-brand-700">{FIELD_LABEL[chip.field]}:</span>{" "}
              <span className="font-semibold">{chip.label}</span>
            </button>
            <button
              type="button"
              onClick={() => apply(clearField(chip.field))}
              aria-label={`Remove ${FIELD_LABEL[chip.field].toLowerCase()}: ${chip.label}`}
              className="rounded-r-full py-1.5 pr-2.5 pl-1 text-brand-700 hover:bg-brand-100"
            >
              <CloseIcon className="size-4" />
            </button>
          </li>
        ))}
        {addable.length > 0 && (
          <li>
            <label className="inline-flex items-center gap-1 rounded-full border border-dashed border-slate-300 bg-white py-1 pr-2 pl-3 text-sm text-slate-700 focus-within:ring-2 focus-within:ring-brand-600 hover:border-slate-400">
              <PlusIcon className="size-4" />
              <span className="sr-only">Add a filter</span>
              <select
                value=""
                onChange={(e) => setEditing((e.target.value || null) as ChipField | null)}
                className="bg-transparent py-0.5 focus:outline-none"
              >
                <option value="">Add filter</option>
                {addable.map((f) => (
                  <option key={f} value={f}>
                    {FIELD_LABEL[f]}
                  </option>
                ))}
              </select>
            </label>
          </li>
        )}
      </ul>
      {editing && (
        <ChipEditor key={editing} field={editing} parsed={parsed} onApply={apply} onCancel={() => setEditing(null)} />
      )}
    </div>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
      {label}
      {children}
    </label>
  );
}

const control =
  "h-10 rounded-lg border border-slate-300 bg-white px-3 text-sm text-slate-900 hover:border-slate-400 focus:border-brand-600";

/** Inline editor for one chip; pre-filled from the parse. */
function ChipEditor({
  field,
  parsed,
  onApply,
  onCancel,
}: {
  field: ChipField;
  parsed: ParsedQuery;
  onApply: (f: SearchFilters) => void;
  onCancel: () => void;
}) {
  const needsCatalog = field === "subject" || field === "category";
  const categories = api.catalog.categories.useQuery(undefined, { enabled: needsCatalog, staleTime: 5 * 60_000 });
  const regions = api.catalog.regions.useQuery(undefined, { enabled: field === "location", staleTime: 5 * 60_000 });

  const [subject, setSubject] = useState(parsed.subject?.slug ?? "");
  const [category, setCategory] = useState(parsed.category?.slug ?? "");
  const [region, setRegion] = useState(
    parsed.location?.kind === "region"
      ? parsed.location.slug
      : parsed.location?.kind === "near_me"
        ? (parsed.location.resolved?.slug ?? "")
        : "",
  );
  const [min, setMin] = useState(parsed.price?.minCents != null ? String(parsed.price.minCents / 100) : "");
  const [max, setMax] = useState(parsed.price?.maxCents != null ? String(parsed.price.maxCents / 100) : "");
  const [audience, setAudience] = useState<string>(parsed.audience?.value ?? "");
  const [level, setLevel] = useState<string>(parsed.level?.value ?? "");
  const [lessonType, setLessonType] = useState<string>(parsed.lessonType?.value ?? "");
  const [days, setDays] = useState<TimeSpec["days"]>(parsed.time?.spec.days ?? "any");
  const [part, setPart] = useState<string>(parsed.time?.spec.part ?? "");

  const dollars = (s: string) => (s.trim() === "" ? null : Math.max(0, Math.round(Number(s) * 100)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    switch (field) {
      case "subject":
        return onApply({ subject: subject || null });
      case "category":
        return onApply({ category: category || null });
      case "location":
        return onApply({ location: region ? { region } : null });
      case "price":
        return onApply({ priceMinCents: dollars(min), priceMaxCents: dollars(max) });
      case "audience":
        return onApply({ audience: (audience || null) as SearchFilters["audience"] });
      case "level":
        return onApply({ level: (level || null) as SearchFilters["level"] });
      case "lessonType":
        return onApply({ lessonType: (lessonType || null) as SearchFilters["lessonType"] });
      case "time": {
        const keep = parsed.time?.spec.days === days ? parsed.time.spec : null;
        const p = (part || null) as TimeSpec["part"];
        const samePart = keep && keep.part === p;
        return onApply({
          time:
            days === "any" && !p
              ? null
              : {
                  ...(keep ?? {}),
                  days,
                  part: p,
                  after: samePart ? keep.after : null,
                  before: samePart ? keep.before : null,
                },
        });
      }
    }
  };

  let body: ReactNode;
  switch (field) {
    case "subject":
      body = (
        <Row label="Subject">
          <select className={control} value={subject} onChange={(e) => setSubject(e.target.value)}>
            <option value="">Any subject</option>
            {(categories.data ?? []).map((c) => (
              <optgroup key={c.slug} label={c.name}>
                {c.subjects.map((s) => (
                  <option key={s.slug} value={s.slug}>
                    {s.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </Row>
      );
      break;
    case "category":
      body = (
        <Row label="Category">
          <select className={control} value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">Any category</option>
            {(categories.data ?? []).map((c) => (
              <option key={c.slug} value={c.slug}>
                {c.name}
              </option>
            ))}
          </select>
        </Row>
      );
      break;
    case "location":
      body = (
        <Row label="Neighbourhood or borough">
          <select className={control} value={region} onChange={(e) => setRegion(e.target.value)}>
            <option value="">Anywhere</option>
            {(regions.data ?? []).map((b) => (
              <optgroup key={b.slug} label={b.name}>
                <option value={b.slug}>All of {b.name}</option>
                {b.neighbourhoods.map((n) => (
                  <option key={n.slug} value={n.slug}>
                    {n.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </Row>
      );
      break;
    case "price":
      body = (
        <div className="flex gap-3">
          <Row label="Min $ / lesson">
            <input
              className={cn(control, "w-28")}
              type="number"
              min={0}
              step={5}
              inputMode="numeric"
              value={min}
              onChange={(e) => setMin(e.target.value)}
            />
          </Row>
          <Row label="Max $ / lesson">
            <input
              className={cn(control, "w-28")}
              type="number"
              min={0}
              step={5}
              inputMode="numeric"
              value={max}
              onChange={(e) => setMax(e.target.value)}
            />
          </Row>
        </div>
      );
      break;
    case "audience":
      body = (
        <SimpleSelect label="Who for" value={audience} onChange={setAudience} any="Anyone" options={AUDIENCE_OPTIONS} />
      );
      break;
    case "level":
      body = <SimpleSelect label="Level" value={level} onChange={setLevel} any="Any level" options={LEVEL_OPTIONS} />;
      break;
    case "lessonType":
      body = (
        <SimpleSelect
          label="Lesson type"
          value={lessonType}
          onChange={setLessonType}
          any="Any"
          options={LESSON_TYPE_OPTIONS}
        />
      );
      break;
    case "time":
      body = (
        <div className="flex flex-wrap gap-3">
          <SimpleSelect
            label="Days"
            value={days}
            onChange={(v) => setDays(v as TimeSpec["days"])}
            options={DAY_OPTIONS}
          />
          <SimpleSelect label="Time of day" value={part} onChange={setPart} options={PART_OPTIONS} />
        </div>
      );
      break;
  }

  return (
    <form
      onSubmit={submit}
      aria-label={`Edit ${FIELD_LABEL[field].toLowerCase()}`}
      className="mt-3 flex flex-wrap items-end gap-3 rounded-2xl border border-slate-200 bg-white p-4 shadow-card"
    >
      {body}
      <div className="flex gap-2">
        <Button type="submit" size="sm">
          Apply
        </Button>
        <Button type="button" size="sm" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function SimpleSelect({
  label,
  value,
  onChange,
  options,
  any,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: readonly { value: string; label: string }[];
  any?: string;
}) {
  return (
    <Row label={label}>
      <select className={control} value={value} onChange={(e) => onChange(e.target.value)}>
        {any !== undefined && <option value="">{any}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Row>
  );
}
