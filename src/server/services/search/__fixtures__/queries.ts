/**
 * Labelled example queries: what a person typing each one means. Labels are the truth, not what the parser
 * happens to return — a few (typos in place names, vague wishes) are there precisely because the fast path
 * cannot get them and later tiers must.
 *
 * Fields: subject (catalog slug or null), location (region slug, "near_me" or null), price in dollars
 * ([min, max], either may be null), audience, time (a `timeSpecKey`: "weekday:6|morning", "weekdays|evening",
 * "any|after:17:00", "this_weekend", …), level, lessonType.
 */
import type { Audience, LessonType, SearchLevel } from "../types";

export type LabelledQuery = {
  q: string;
  subject: string | null;
  location: string | null;
  price: [number | null, number | null] | null;
  audience: Audience | null;
  time: string | null;
  level: SearchLevel | null;
  lessonType: LessonType | null;
};

type Labels = Partial<Omit<LabelledQuery, "q">>;
const q = (text: string, labels: Labels = {}): LabelledQuery => ({
  q: text,
  subject: null,
  location: null,
  price: null,
  audience: null,
  time: null,
  level: null,
  lessonType: null,
  ...labels,
});

export const LABELLED_QUERIES: LabelledQuery[] = [
  // ── The product spec's example and close variants ──
  q("piano lessons for my 8 year old in park slope under $60 saturday morning", {
    subject: "piano",
    location: "park-slope",
    price: [null, 60],
    audience: "kids",
    time: "weekday:6|morning",
  }),
  q("piano teacher for my 8yo in Park Slope, max $60/hr, Saturday mornings", {
    subject: "piano",
    location: "park-slope",
    price: [null, 60],
    audience: "kids",
    time: "weekday:6*|morning",
  }),
  q("piano for kids park slope", { subject: "piano", location: "park-slope", audience: "kids" }),
  q("Piano lessons Park Slope", { subject: "piano", location: "park-slope" }),
  q("piano", { subject: "piano" }),
  q("keys lessons in the slope", { subject: "piano", location: "park-slope" }),
  q("keyboard teacher upper west side", { subject: "piano", location: "upper-west-side" }),
  q("beginner piano for adults in brooklyn", {
    subject: "piano",
    location: "brooklyn",
    audience: "adults",
    level: "beginner",
  }),
  q("advanced piano, conservatory audition prep, manhattan", {
    subject: "piano",
    location: "manhattan",
    level: "advanced",
  }),
  q("piano lessons at my home in the upper east side", {
    subject: "piano",
    location: "upper-east-side",
    lessonType: "student_location",
  }),

  // ── Music ──
  q("guitar lessons in williamsburg", { subject: "guitar", location: "williamsburg" }),
  q("electric guitar teacher near me", { subject: "guitar", location: "near_me" }),
  q("acoustic guitar for a beginner adult in astoria", {
    subject: "guitar",
    location: "astoria",
    audience: "adults",
    level: "beginner",
  }),
  q("guitar in billyburg after 6pm", { subject: "guitar", location: "williamsburg", time: "any|after:18:00" }),
  q("bass guitar lessons online", { subject: "guitar", lessonType: "online" }),
  q("violin for my daughter in bay ridge", { subject: "violin", location: "bay-ridge", audience: "kids" }),
  q("suzuki violin teacher for a 5 year old", { subject: "violin", audience: "kids" }),
  q("fiddle lessons", { subject: "violin" }),
  q("singing lessons in hell's kitchen", { subject: "voice", location: "hells-kitchen" }),
  q("voice teacher for musical theatre in midtown", { subject: "voice", location: "midtown" }),
  q("vocal coach online under $80", { subject: "voice", price: [null, 80], lessonType: "online" }),
  q("drum lessons for teens in bushwick", { subject: "drums", location: "bushwick", audience: "teens" }),
  q("drummer to teach my son in the bronx on weekends", {
    subject: "drums",
    location: "bronx",
    audience: "kids",
    time: "weekends",
  }),
  q("cello lessons on the upper west side", { subject: "cello", location: "upper-west-side" }),
  q("ukulele for kids", { subject: "ukulele", audience: "kids" }),
  q("uke lessons in greenpoint this weekend", { subject: "ukulele", location: "greenpoint", time: "this_weekend" }),
  q("saxophone teacher in harlem", { subject: "saxophone", location: "harlem" }),
  q("alto sax lessons for a high schooler", { subject: "saxophone", audience: "teens" }),
  q("music theory and ear training online", { subject: "music-theory", lessonType: "online" }),
  q("jazz piano lessons in the east village", { subject: "piano", location: "east-village" }),
  q("classical guitar teacher in forest hills", { subject: "guitar", location: "forest-hills" }),
  q("percussion lessons for a 10-year-old in flatbush", { subject: "drums", location: "flatbush", audience: "kids" }),

  // ── Tutoring ──
  q("SAT math tutor in the upper east side", { subject: "sat-math", location: "upper-east-side" }),
  q("sat prep for my teen on weekends", { subject: "sat-math", audience: "teens", time: "weekends" }),
  q("SAT reading and writing tutor online", { subject: "sat-reading", lessonType: "online" }),
  q("act prep near me", { subject: "act", location: "near_me" }),
  q("shsat prep for my 7th grader in queens", { subject: "shsat", location: "queens", audience: "kids" }),
  q("specialized high school test tutoring in flushing", { subject: "shsat", location: "flushing" }),
  q("algebra 2 help for a high school student", { subject: "algebra", audience: "teens" }),
  q("pre-algebra tutor for my 6th grader", { subject: "algebra", audience: "kids" }),
  q("geometry tutor in bay ridge after school", {
    subject: "geometry",
    location: "bay-ridge",
    time: "any|after:15:00",
  }),
  q("trig tutor online tonight", { subject: "geometry", lessonType: "online", time: "today|evening" }),
  q("ap calc tutor in tribeca", { subject: "calculus", location: "tribeca" }),
  q("calculus tutor for a college student under $100", { subject: "calculus", audience: "adults", price: [null, 100] }),
  q("chemistry tutor ap chem brooklyn heights", { subject: "chemistry", location: "brooklyn-heights" }),
  q("organic chemistry help online", { subject: "chemistry", lessonType: "online" }),
  q("physics tutor in long island city", { subject: "physics", location: "long-island-city" }),
  q("regents physics tutor in LIC", { subject: "physics", location: "long-island-city" }),
  q("bio tutor for my teenager", { subject: "biology", audience: "teens" }),
  q("AP biology tutor in riverdale", { subject: "biology", location: "riverdale" }),
  q("college essay coach in manhattan", { subject: "essay-writing", location: "manhattan" }),
  q("help with college essays online this week", { subject: "essay-writing", lessonType: "online", time: "this_week" }),
  q("phonics tutor for kindergartener", { subject: "reading", audience: "kids" }),
  q("reading tutor for my 6 year old in sunnyside", { subject: "reading", location: "sunnyside", audience: "kids" }),
  q("math tutor for 5th grader", { subject: null, audience: "kids" }),
  q("math tutor in park slope under $70", { subject: null, location: "park-slope", price: [null, 70] }),
  q("homework help for my kid in astoria", { subject: null, location: "astoria", audience: "kids" }),
  q("tutor for my 9 year old", { subject: null, audience: "kids" }),

  // ── Languages ──
  q("spanish tutor near me online", { subject: "spanish", location: "near_me", lessonType: "online" }),
  q("spanish lessons in spanish harlem", { subject: "spanish", location: "east-harlem" }),
  q("español conversation practice for adults", { subject: "spanish", audience: "adults" }),
  q("french lessons in carroll gardens", { subject: "french", location: "carroll-gardens" }),
  q("learn french online for beginners", { subject: "french", lessonType: "online", level: "beginner" }),
  q("mandarin for kids in flushing", { subject: "mandarin", location: "flushing", audience: "kids" }),
  q("chinese tutor in chinatown", { subject: "mandarin", location: "chinatown" }),
  q("italian lessons in belmont", { subject: "italian", location: "belmont" }),
  q("italian teacher arthur avenue", { subject: "italian", location: "belmont" }),
  q("japanese lessons weekday evenings", { subject: "japanese", time: "weekdays|evening" }),
  q("german tutor in the west village", { subject: "german", location: "west-village" }),
  q("korean lessons in the flatiron district", { subject: "korean", location: "flatiron" }),
  q("english as a second language for my mom in jackson heights", {
    subject: "esl",
    location: "jackson-heights",
    audience: "adults",
  }),
  q("ESL teacher in elmhurst under 50 dollars", { subject: "esl", location: "elmhurst", price: [null, 50] }),
  q("toefl prep online", { subject: "esl", lessonType: "online" }),
  q("ielts tutor this weekend", { subject: "esl", time: "this_weekend" }),
  q("spanish immersion for my toddler", { subject: "spanish", audience: "kids" }),

  // ── Sports & fitness ──
  q("swim lessons for toddlers in astoria this weekend", {
    subject: "swimming",
    location: "astoria",
    audience: "kids",
    time: "this_weekend",
  }),
  q("swimming lessons for adults who can't swim", { subject: "swimming", audience: "adults" }),
  q("learn to swim in the rockaways", { subject: "swimming", location: "rockaway-beach" }),
  q("yoga instructor in tribeca", { subject: "yoga", location: "tribeca" }),
  q("prenatal yoga at my home in cobble hill", {
    subject: "yoga",
    location: "cobble-hill",
    lessonType: "student_location",
  }),
  q("cheap yoga in bk tonight", { subject: "yoga", location: "brooklyn", time: "today|evening" }),
  q("vinyasa yoga sunday morning", { subject: "yoga", time: "weekday:7|morning" }),
  q("tennis coach for my son in forest hills", { subject: "tennis", location: "forest-hills", audience: "kids" }),
  q("tennis lessons in central harlem", { subject: "tennis", location: "harlem" }),
  q("boxing coach in bed-stuy", { subject: "boxing", location: "bedford-stuyvesant" }),
  q("kickboxing in bed stuy mornings", { subject: "boxing", location: "bedford-stuyvesant", time: "any|morning" }),
  q("personal trainer in murray hill before 8am", {
    subject: "personal-training",
    location: "murray-hill",
    time: "any|before:08:00",
  }),
  q("strength training at my apartment in midtown", {
    subject: "personal-training",
    location: "midtown",
    lessonType: "student_location",
  }),
  q("karate for kids in staten island", { subject: "martial-arts", location: "staten-island", audience: "kids" }),
  q("bjj coach in greenpoint", { subject: "martial-arts", location: "greenpoint" }),
  q("self defense classes for women in the east village", { subject: "martial-arts", location: "east-village" }),
  q("taekwondo for 7 year olds in bayside", { subject: "martial-arts", location: "bayside", audience: "kids" }),
  q("chess coach in park slope", { subject: "chess", location: "park-slope" }),
  q("chess lessons for kids online", { subject: "chess", audience: "kids", lessonType: "online" }),
  q("tennis in throggs neck saturdays", { subject: "tennis", location: "throgs-neck", time: "weekday:6*" }),

  // ── Arts ──
  q("drawing lessons for my 12 year old", { subject: "drawing", audience: "kids" }),
  q("figure drawing in soho", { subject: "drawing", location: "soho" }),
  q("watercolor painting class in fort greene", { subject: "painting", location: "fort-greene" }),
  q("oil painting teacher in dumbo", { subject: "painting", location: "dumbo" }),
  q("photography lessons in the financial district", { subject: "photography", location: "financial-district" }),
  q("street photography walk fidi", { subject: "photography", location: "financial-district" }),
  q("acting coach for auditions in midtown", { subject: "acting", location: "midtown" }),
  q("drama lessons for teens in clinton hill", { subject: "acting", location: "clinton-hill", audience: "teens" }),
  q("pottery wheel throwing in red hook", { subject: "ceramics", location: "red-hook" }),
  q("ceramics at their studio in gowanus", {
    subject: "ceramics",
    location: "park-slope",
    lessonType: "instructor_location",
  }),

  // ── Technology ──
  q("python tutor for my teen", { subject: "coding", audience: "teens" }),
  q("coding for kids in downtown brooklyn", { subject: "coding", location: "downtown-brooklyn", audience: "kids" }),
  q("scratch programming for a 9yo", { subject: "coding", audience: "kids" }),
  q("ap computer science tutor online", { subject: "coding", lessonType: "online" }),
  q("web development bootcamp style lessons", { subject: "web-development" }),
  q("react and javascript tutor", { subject: "web-development" }),
  q("excel lessons for work", { subject: "excel", audience: null }),
  q("google sheets help for adults", { subject: "excel", audience: "adults" }),
  q("photoshop tutor in chelsea", { subject: "graphic-design", location: "chelsea" }),
  q("logo design lessons online", { subject: "graphic-design", lessonType: "online" }),

  // ── Dance ──
  q("ballet for my 4 year old in brooklyn heights", {
    subject: "ballet",
    location: "brooklyn-heights",
    audience: "kids",
  }),
  q("hip hop dance classes for teens in the bronx", { subject: "hip-hop", location: "bronx", audience: "teens" }),
  q("breakdancing in bushwick", { subject: "hip-hop", location: "bushwick" }),
  q("salsa lessons in washington heights friday night", {
    subject: "salsa",
    location: "washington-heights",
    time: "weekday:5|evening",
  }),
  q("bachata for beginners", { subject: "salsa", level: "beginner" }),
  q("wedding first dance lessons in the ues", { subject: "ballroom", location: "upper-east-side" }),
  q("tango lessons for couples", { subject: "ballroom" }),
  q("ballroom dancing at my house in staten island", {
    subject: "ballroom",
    location: "staten-island",
    lessonType: "student_location",
  }),

  // ── Prices ──
  q("guitar under $50", { subject: "guitar", price: [null, 50] }),
  q("guitar lessons less than 40 dollars an hour", { subject: "guitar", price: [null, 40] }),
  q("piano $40-60 brooklyn", { subject: "piano", location: "brooklyn", price: [40, 60] }),
  q("spanish between $30 and $50", { subject: "spanish", price: [30, 50] }),
  q("violin teacher $100/hr or less", { subject: "violin", price: [null, 100] }),
  q("sat tutor over $150 an hour in manhattan", { subject: "sat-math", location: "manhattan", price: [150, null] }),
  q("yoga around $80", { subject: "yoga", price: [64, 96] }),
  q("drum lessons up to 70", { subject: "drums", price: [null, 70] }),
  q("chess tutor max 45", { subject: "chess", price: [null, 45] }),
  q("cello at least $90", { subject: "cello", price: [90, null] }),
  q("affordable voice lessons in crown heights", { subject: "voice", location: "crown-heights" }),
  q("piano lessons $60", { subject: "piano", price: [null, 60] }),

  // ── Time ──
  q("guitar lessons tomorrow", { subject: "guitar", time: "tomorrow" }),
  q("piano today", { subject: "piano", time: "today" }),
  q("yoga tomorrow morning in chelsea", { subject: "yoga", location: "chelsea", time: "tomorrow|morning" }),
  q("spanish tutor weekday mornings", { subject: "spanish", time: "weekdays|morning" }),
  q("math tutor weeknights", { subject: null, time: "weekdays|evening" }),
  q("swim lessons next weekend", { subject: "swimming", time: "next_weekend" }),
  q("french tutor next week", { subject: "french", time: "next_week" }),
  q("chess on tuesday afternoon", { subject: "chess", time: "weekday:2|afternoon" }),
  q("coding lessons on wednesdays after 4pm", { subject: "coding", time: "weekday:3*|after:16:00" }),
  q("piano on sat", { subject: "piano", time: "weekday:6" }),
  q("tennis saturday or sunday morning", { subject: "tennis", time: "weekday:6,7|morning" }),
  q("voice lessons between 3 and 6pm", { subject: "voice", time: "any|after:15:00|before:18:00" }),
  q("boxing before noon", { subject: "boxing", time: "any|before:12:00" }),
  q("german lessons asap", { subject: "german", time: "soon" }),
  q("violin lessons monday evenings in inwood", { subject: "violin", location: "inwood", time: "weekday:1*|evening" }),
  q("ballet classes on weekends for my daughter", { subject: "ballet", audience: "kids", time: "weekends" }),

  // ── Lesson types and near me ──
  q("online guitar lessons", { subject: "guitar", lessonType: "online" }),
  q("in-person spanish tutor in sunset park", { subject: "spanish", location: "sunset-park", lessonType: "in_person" }),
  q("piano teacher who comes to my home", { subject: "piano", lessonType: "student_location" }),
  q("math tutor over zoom", { subject: null, lessonType: "online" }),
  q("yoga nearby", { subject: "yoga", location: "near_me" }),
  q("drum lessons close to me", { subject: "drums", location: "near_me" }),
  q("painting classes in my neighborhood", { subject: "painting", location: "near_me" }),
  q("virtual chess coach for a beginner", { subject: "chess", lessonType: "online", level: "beginner" }),

  // ── Places by alias, borough and city ──
  q("piano in dtbk", { subject: "piano", location: "downtown-brooklyn" }),
  q("guitar teacher in nyc", { subject: "guitar", location: "new-york" }),
  q("cello in the village", { subject: "cello", location: "greenwich-village" }),
  q("saxophone lessons in kips bay", { subject: "saxophone", location: "murray-hill" }),
  q("violin in boerum hill", { subject: "violin", location: "cobble-hill" }),
  q("french lessons in nomad", { subject: "french", location: "flatiron" }),
  q("tutoring in ditmas park", { subject: null, location: "flatbush" }),
  q("coding in hunters point", { subject: "coding", location: "long-island-city" }),
  q("spanish in st. george", { subject: "spanish", location: "st-george" }),
  q("drums in the south bronx", { subject: "drums", location: "mott-haven" }),

  // ── Typos and vague wishes (later tiers / LLM territory) ──
  q("piono lessons upper west side", { subject: "piano", location: "upper-west-side" }),
  q("guitr lessons in astoria", { subject: "guitar", location: "astoria" }),
  q("chess coach in park slop", { subject: "chess", location: "park-slope" }),
  q("guitar in williamsberg after 5pm", { subject: "guitar", location: "williamsburg", time: "any|after:17:00" }),
  q("spanish lessons in bushwik", { subject: "spanish", location: "bushwick" }),
  q("someone to teach me meditation", { subject: null }),
  q("help my kid with fractions", { subject: null, audience: "kids" }),

  // ── Written the way people type, after the parser existed (a check against tuning the corpus to it) ──
  q("looking for someone to teach my twins piano on the UES", {
    subject: "piano",
    location: "upper-east-side",
    audience: "kids",
  }),
  q("need an SAT tutor asap, my son is a junior", { subject: "sat-math", audience: "teens", time: "soon" }),
  q("adult beginner cello, queens, evenings", {
    subject: "cello",
    location: "queens",
    audience: "adults",
    level: "beginner",
    time: "any|evening",
  }),
  q("my daughter wants to learn guitar - we live in bay ridge", {
    subject: "guitar",
    location: "bay-ridge",
    audience: "kids",
  }),
  q("Private swim instructor for 3yo, weekend mornings, Brooklyn", {
    subject: "swimming",
    location: "brooklyn",
    audience: "kids",
    time: "weekends|morning",
  }),
  q("best rated yoga teacher in williamsburg", { subject: "yoga", location: "williamsburg" }),
  q("mandarin tutor for a 14 y/o heritage speaker", { subject: "mandarin", audience: "teens" }),
  q("cheap spanish lessons in the bronx for seniors", { subject: "spanish", location: "bronx", audience: "adults" }),
  q("ap physics c tutor near columbia", { subject: "physics", location: "morningside-heights" }),
  q("voice lessons for a 16 yr old girl in riverdale", { subject: "voice", location: "riverdale", audience: "teens" }),
  q("french conversation for grown-ups in cobble hill on thursdays", {
    subject: "french",
    location: "cobble-hill",
    audience: "adults",
    time: "weekday:4*",
  }),
  q("learn to play the drums tonight in bushwick", { subject: "drums", location: "bushwick", time: "today|evening" }),
  q("personal trainer at 6am on the ues", {
    subject: "personal-training",
    location: "upper-east-side",
    time: "any|after:05:30|before:06:31",
  }),
  q("tennis for a 10 y/o, forest hills, weekend", {
    subject: "tennis",
    location: "forest-hills",
    audience: "kids",
    time: "this_weekend",
  }),
  q("algebra help 8th grade, online, under 60", {
    subject: "algebra",
    audience: "teens",
    price: [null, 60],
    lessonType: "online",
  }),
  q("ceramics date night in greenpoint friday", {
    subject: "ceramics",
    location: "greenpoint",
    time: "weekday:5|evening",
  }),
  q("salsa for two saturday night lower east side", {
    subject: "salsa",
    location: "lower-east-side",
    time: "weekday:6|evening",
  }),
  q("karate in staten island for my 6 and 9 year old", {
    subject: "martial-arts",
    location: "staten-island",
    audience: "kids",
  }),
  q("how much are piano lessons in tribeca", { subject: "piano", location: "tribeca" }),
  q("guitar teacher jackson hts", { subject: "guitar", location: "jackson-heights" }),
  q("acting lessons for my son who is 11", { subject: "acting", audience: "kids" }),
  q("in home violin lessons washington heights", {
    subject: "violin",
    location: "washington-heights",
    lessonType: "student_location",
  }),
  q("Chinese for my 5 yr old, Sunset Park, Sundays", {
    subject: "mandarin",
    location: "sunset-park",
    audience: "kids",
    time: "weekday:7*",
  }),
  q("boxing trainer, LES, after work", { subject: "boxing", location: "lower-east-side", time: "any|after:17:00" }),
  q("excel tutor for my job interview next week", { subject: "excel", time: "next_week" }),
];
