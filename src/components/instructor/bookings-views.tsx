"use client";

import { useState } from "react";
import { Tabs, panelId, tabId } from "~/components/ui/tabs";
import { BookingsCalendar } from "./bookings-calendar";
import { InstructorBookingsList } from "./bookings-list";
import { ReviewsManager } from "./reviews-manager";

type View = "week" | "day" | "list" | "reviews";

/** Week / Day calendar, List, and Reviews of the instructor's lessons. */
export function BookingsViews({ timeZone, instructorId }: { timeZone: string; instructorId: string }) {
  const [view, setView] = useState<View>("week");
  return (
    <div>
      <Tabs
        label="Bookings views"
        idBase="bookings"
        value={view}
        onChange={setView}
        tabs={[
          { id: "week", label: "Week" },
          { id: "day", label: "Day" },
          { id: "list", label: "List" },
          { id: "reviews", label: "Reviews" },
        ]}
      />
      <div role="tabpanel" id={panelId("bookings", view)} aria-labelledby={tabId("bookings", view)} className="pt-6">
        {view === "week" || view === "day" ? (
          <BookingsCalendar key={view} timeZone={timeZone} view={view} />
        ) : view === "list" ? (
          <InstructorBookingsList timeZone={timeZone} />
        ) : (
          <ReviewsManager instructorId={instructorId} timeZone={timeZone} />
        )}
      </div>
    </div>
  );
}
