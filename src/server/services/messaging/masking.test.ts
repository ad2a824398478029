import { describe, expect, it } from "vitest";
import { EMAIL_PLACEHOLDER, PHONE_PLACEHOLDER, maskContactDetails } from "./masking";

describe("maskContactDetails", () => {
  it.each([
    ["mail me at jane.doe+piano@example.com please", `mail me at ${EMAIL_PLACEHOLDER} please`],
    ["jane (at) example (dot) com", EMAIL_PLACEHOLDER],
    ["jane at example dot com", EMAIL_PLACEHOLDER],
    ["write to jane at example.com", `write to ${EMAIL_PLACEHOLDER}`],
    ["call +1 (212) 555-0142 tonight", `call ${PHONE_PLACEHOLDER} tonight`],
    ["text 212.555.0142", `text ${PHONE_PLACEHOLDER}`],
    ["or 555-0142", `or ${PHONE_PLACEHOLDER}`],
    ["+447911123456", PHONE_PLACEHOLDER],
  ])("masks %s", (input, expected) => {
    expect(maskContactDetails(input)).toEqual({ text: expected, masked: true });
  });

  it.each([
    "See you at 10:30 on 2026-03-09 for 60 min, $60.",
    "Room 12, floor 3. I have 2 kids aged 7 and 9.",
    "Chopin op. 28 no. 4 is lovely",
    "my score was 1450 on the SAT",
    "meet me at jane.doe studio, or at the park dot 5",
  ])("leaves %s alone", (input) => {
    expect(maskContactDetails(input)).toEqual({ text: input, masked: false });
  });
});
