"use client";

import { useViewerZone } from "~/components/time/use-viewer-zone";
import { ReviewsList } from "./reviews-list";

export function ProfileReviews({ instructorId, viewerZone }: { instructorId: string; viewerZone: string | null }) {
  return <ReviewsList instructorId={instructorId} zone={useViewerZone(viewerZone)} />;
}
