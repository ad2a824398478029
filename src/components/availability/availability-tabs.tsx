"use client";

import { useState } from "react";
import { Tabs, panelId, tabId } from "~/components/ui/tabs";
import { Blackouts } from "./blackouts";
import { PatternEditor } from "./pattern-editor";
import { WeekEditor } from "./week-editor";

type Tab = "week" | "pattern" | "days-off";

/** The three availability tools. Panels stay mounted, so unsaved edits survive switching tabs. */
export function AvailabilityTabs({ timeZone }: { timeZone: string }) {
  const [tab, setTab] = useState<Tab>("week");
  const panel = (id: Tab) =>
    ({
      role: "tabpanel",
      id: panelId("availability", id),
      "aria-labelledby": tabId("availability", id),
      hidden: tab !== id,
      tabIndex: 0,
    }) as const;
  return (
    <div>
      <Tabs
        label="Availability tools"
        idBase="availability"
        value={tab}
        onChange={setTab}
        tabs={[
          { id: "week", label: "Week by week" },
          { id: "pattern", label: "Weekly pattern" },
          { id: "days-off", label: "Days off" },
        ]}
      />
      <div className="pt-6">
        <div {...panel("week")} className="focus:outline-none">
          <WeekEditor timeZone={timeZone} />
        </div>
        <div {...panel("pattern")} className="focus:outline-none">
          <PatternEditor timeZone={timeZone} />
        </div>
        <div {...panel("days-off")} className="focus:outline-none">
          <Blackouts timeZone={timeZone} />
        </div>
      </div>
    </div>
  );
}
