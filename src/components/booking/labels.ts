import type { RouterOutputs } from "~/trpc/react";

export type BookingView = RouterOutputs["booking"]["get"];
export type BookingStatus = BookingView["status"];
export type LocationType = "student_location" | "instructor_location" | "online" | "neutral_location";

export const STATUS_LABEL: Record<BookingStatus, string> = {
  pending_payment: "Awaiting payment",
  confirmed: "Confirmed",
  completed: "Completed",
  cancelled: "Cancelled",
  no_show: "No-show",
};

export const STATUS_TONE: Record<BookingStatus, "neutral" | "success" | "warning" | "brand" | "danger"> = {
  pending_payment: "warning",
  confirmed: "brand",
  completed: "success",
  cancelled: "neutral",
  no_show: "danger",
};

/** Where a lesson happens, worded for who is reading. */
export function locationLabel(t: LocationType, viewer: "student" | "instructor" | "public" = "public"): string {
  switch (t) {
    case "student_location":
      return viewer === "student"
        ? "At your place"
        : viewer === "instructor"
          ? "At the student's place"
          : "At the student's place (instructor travels)";
    case "instructor_location":
      return viewer === "instructor" ? "At your place" : "At the instructor's place";
    case "online":
      return "Online";
    case "neutral_location":
      return "At a public place you agree on";
  }
}

export const LOCATION_SHORT: Record<LocationType, string> = {
  student_location: "Travels to you",
  instructor_location: "At their studio",
  online: "Online",
  neutral_location: "Public place",
};

export const AGE_LABEL: Record<string, string> = { kids: "Kids", teens: "Teens", adults: "Adults" };
export const LEVEL_LABEL: Record<string, string> = {
  beginner: "Beginner",
  intermediate: "Intermediate",
  advanced: "Advanced",
};
