"use client";

import { useState, type ReactNode } from "react";
import { Alert } from "~/components/ui/alert";
import { Tabs, panelId, tabId } from "~/components/ui/tabs";

export type When = "upcoming" | "past";

/** Upcoming / Past tabs with a success notice area; the page body is rendered per tab (students and instructors). */
export function UpcomingPastTabs({
  idBase,
  children,
}: {
  idBase: string;
  children: (when: When, onNotice: (s: string) => void) => ReactNode;
}) {
  const [when, setWhen] = useState<When>("upcoming");
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <div>
      <Tabs
        label="Lessons"
        idBase={idBase}
        value={when}
        onChange={(v) => {
          setWhen(v);
          setNotice(null);
        }}
        tabs={[
          { id: "upcoming", label: "Upcoming" },
          { id: "past", label: "Past" },
        ]}
      />
      {notice && (
        <Alert tone="success" className="mt-4">
          {notice}
        </Alert>
      )}
      <div role="tabpanel" id={panelId(idBase, when)} aria-labelledby={tabId(idBase, when)} className="pt-5" key={when}>
        {children(when, setNotice)}
      </div>
    </div>
  );
}
