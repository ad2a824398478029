"use client";

import { SlotPicker, type PickerService } from "~/components/booking/slot-picker";
import { useViewerZone } from "~/components/time/use-viewer-zone";

/** The profile's availability calendar: a time starts the booking flow. */
export function ProfileBooking({
  instructorId,
  services,
  viewerZone,
}: {
  instructorId: string;
  services: PickerService[];
  viewerZone: string | null;
}) {
  const zone = useViewerZone(viewerZone);
  return (
    <SlotPicker
      mode="link"
      instructorId={instructorId}
      services={services}
      zone={zone}
      hrefFor={(slot, serviceId, duration) =>
        `/book?${new URLSearchParams({ serviceId, start: slot.toISOString(), duration: String(duration) }).toString()}`
      }
    />
  );
}
