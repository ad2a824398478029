import { describe, expect, it } from "vitest";
import { BIO_NUDGE_MIN_CHARS, computeChecklist, type ChecklistFacts } from "./checklist";

const complete: ChecklistFacts = {
  accountActive: true,
  activeServices: 1,
  hasAvailabilitySoon: true,
  backgroundCheck: "passed",
  payoutsActive: true,
  headline: "Piano teacher",
  bio: "x".repeat(BIO_NUDGE_MIN_CHARS),
  hasPhoto: true,
  serviceAreas: 2,
  offersAtLocation: false,
  hasTeachingAddress: false,
};
const item = (facts: ChecklistFacts, key: string) => computeChecklist(facts).items.find((i) => i.key === key);

describe("computeChecklist", () => {
  it("lists a complete profile, with every item done", () => {
    const c = computeChecklist(complete);
    expect(c.listed).toBe(true);
    expect(c.items.every((i) => i.done)).toBe(true);
    expect(c.items.filter((i) => i.required).map((i) => i.key)).toEqual([
      "service",
      "availability",
      "background_check",
      "payouts",
    ]);
  });

  it.each([
    ["service", { activeServices: 0 }],
    ["availability", { hasAvailabilitySoon: false }],
    ["background_check", { backgroundCheck: "failed" as const }],
    ["payouts", { payoutsActive: false }],
  ])("an unmet %s requirement unlists the profile", (key, change) => {
    const facts = { ...complete, ...change };
    expect(computeChecklist(facts).listed).toBe(false);
    expect(item(facts, key)).toMatchObject({ done: false, required: true });
  });

  it("a pending background check counts as met", () => {
    expect(computeChecklist({ ...complete, backgroundCheck: "pending" }).listed).toBe(true);
  });

  it("nudges never block listing", () => {
    const facts = {
      ...complete,
      headline: " ",
      bio: "short",
      hasPhoto: false,
      serviceAreas: 0,
      offersAtLocation: true,
      hasTeachingAddress: false,
    };
    const c = computeChecklist(facts);
    expect(c.listed).toBe(true);
    expect(c.items.filter((i) => !i.done).map((i) => [i.key, i.required])).toEqual([
      ["headline", false],
      ["bio", false],
      ["photo", false],
      ["service_area", false],
      ["teaching_address", false],
    ]);
  });

  it("a suspended account is never listed", () => {
    expect(computeChecklist({ ...complete, accountActive: false }).listed).toBe(false);
  });
});
