"use client";

import { useEffect, useState } from "react";

/** Whether the page is in front of the person (visible tab and focused window): only then do messages count as read. */
export function usePageAttended(): boolean {
  const [attended, setAttended] = useState(false);
  useEffect(() => {
    const update = () => setAttended(document.visibilityState === "visible" && document.hasFocus());
    update();
    document.addEventListener("visibilitychange", update);
    window.addEventListener("focus", update);
    window.addEventListener("blur", update);
    return () => {
      document.removeEventListener("visibilitychange", update);
      window.removeEventListener("focus", update);
      window.removeEventListener("blur", update);
    };
  }, []);
  return attended;
}
