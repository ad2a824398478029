import { describe, expect, it } from "vitest";
import {
  EMAIL_PLACEHOLDER as E,
  HANDLE_PLACEHOLDER as H,
  LINK_PLACEHOLDER as L,
  PHONE_PLACEHOLDER as P,
  maskContactDetails,
} from "./masking";

/** True positives: contact details written before a booking, and what the other person sees instead. */
const MASKED: [string, string][] = [
  // emails and their dodges
  ["mail me at jane.doe+piano@example.com please", `mail me at ${E} please`],
  ["jane (at) example (dot) com", E],
  ["jane at example dot com", E],
  ["write to jane at example.com", `write to ${E}`],
  ["JANE@EXAMPLE.ORG", E],
  ["jane @ example.co.uk", E],
  ["jane @ example.com", E],
  ["write jane.doe  @  mail.example.org today", `write ${E} today`],
  ["jane@ example.net", E],
  ["jane @example.io", E],
  ["JANE @ EXAMPLE.COM", E],
  // phones
  ["call +1 (212) 555-0142 tonight", `call ${P} tonight`],
  ["text 212.555.0142", `text ${P}`],
  ["or 555-0142", `or ${P}`],
  ["+447911123456", P],
  ["212-555-0142 / 917-555-0199", `${P} / ${P}`],
  ["212-555-0142, 917-555-0199", `${P}, ${P}`],
  ["home 212 555 0142 or cell 917 555 0199", `home ${P} or cell ${P}`],
  ["212 555 0142 917 555 0199", P],
  ["(917)5550199", P],
  ["+33 6 12 34 56 78", P],
  // links, whatever site they point to
  ["instagram.com/x", L],
  ["see instagram.com/jane.piano.", `see ${L}.`],
  ["https://example.com/my-lessons?ref=1", L],
  ["http://bit.ly/3abc", L],
  ["www.janepiano.com", L],
  ["wa.me/12125550142", L],
  ["message me on wa.me/12125550142 ok", `message me on ${L} ok`],
  ["t.me/jane", L],
  ["m.me/jane.doe", L],
  ["my site janepiano.dev has videos", `my site ${L} has videos`],
  ["(youtube.com/watch?v=abc)", `(${L})`],
  ["facebook.com/jane.doe.123", L],
  // handles
  ["@handle", H],
  ["find me @jane_doe on insta", `find me ${H} on insta`],
  ["follow @jane.piano!", `follow ${H}!`],
  ["ig: janedoe", H],
  ["snapchat = jane_doe", H],
  ["telegram handle: @jane", H],
  ["my insta is janedoe", H],
  ["My Instagram is @jane", H],
];

/** True negatives: ordinary sentences that must reach the other person exactly as written. */
const KEPT: string[] = [
  "See you at 10:30 on 2026-03-09 for 60 min, $60.",
  "Room 12, floor 3. I have 2 kids aged 7 and 9.",
  "Chopin op. 28 no. 4 is lovely",
  "my score was 1450 on the SAT",
  "meet me at jane.doe studio, or at the park dot 5",
  "Can you book me directly at the studio on 5th Ave?",
  "Book me directly at 5pm if that works",
  "see you at 5pm",
  "Lesson at 5 pm, rate $55.50",
  "$60/hr, or $1,200 for a 20-lesson pack",
  "The fee is $1,250.00 per term",
  "on 12.03.2026 at 18:00",
  "03/14/2026 works",
  "3/14 or 3/15?",
  "10:30-11:30 is free",
  "10.30-11.30 is free",
  "from 9:00 - 10:30 on Tuesday",
  "aiming for 1200-1450 this year",
  "I taught from 2019-2024 at a school",
  "meet @ 5pm at the cafe",
  "ok @5pm then",
  "I teach ASP.NET and Node.js",
  "e.g. scales, i.e. the basics",
  "Whatsapp is fine for reminders? I use Skype for lessons.",
  "Mr. Smith teaches at St. Ann's",
  "Read pages 120-135 and 140-152.",
  "I'm 100% in! 4.5 stars",
  "Grade 8 ABRSM, 10 years",
  "",
];

describe("maskContactDetails", () => {
  it.each(MASKED)("masks %j", (input, expected) => {
    expect(maskContactDetails(input)).toEqual({ text: expected, masked: true });
  });
  it.each(KEPT)("leaves %j alone", (input) => {
    expect(maskContactDetails(input)).toEqual({ text: input, masked: false });
  });
  it("the table holds at least 40 cases, both ways", () => {
    expect(MASKED.length + KEPT.length).toBeGreaterThanOrEqual(40);
    expect(Math.min(MASKED.length, KEPT.length)).toBeGreaterThanOrEqual(20);
  });
});
