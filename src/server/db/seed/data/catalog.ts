// Category / subject catalogue. Rates are NYC private-lesson hourly ranges in cents.
// Aliases are lower-case search terms; each one resolves to exactly one subject
// (enforced by assertCatalogConsistent).

export type Audience = "kids" | "teens" | "adults";

export type SubjectSeed = {
  slug: string;
  name: string;
  aliases: string[];
  /** [min, max] hourly rate in cents. */
  typicalRateCents: [number, number];
  audiences: Audience[];
  /** Commonly taught online. */
  online: boolean;
};

export type CategorySeed = {
  slug: string;
  name: string;
  description: string;
  subjects: SubjectSeed[];
};

const ALL: readonly Audience[] = ["kids", "teens", "adults"];
const TEENS_ADULTS: readonly Audience[] = ["teens", "adults"];

export const CATALOG: readonly CategorySeed[] = [
  {
    slug: "music",
    name: "Music",
    description: "Private instrument and voice lessons, from first notes to conservatory auditions.",
    subjects: [
      {
        slug: "piano",
        name: "Piano",
        aliases: ["keys", "keyboard", "pianist", "piano lessons"],
        typicalRateCents: [6000, 15000],
        audiences: [...ALL],
        online: true,
      },
      {
        slug: "guitar",
        name: "Guitar",
        aliases: ["acoustic guitar", "electric guitar", "classical guitar", "guitarist", "bass guitar"],
        typicalRateCents: [5000, 12000],
        audiences: [...ALL],
        online: true,
      },
      {
        slug: "violin",
        name: "Violin",
        aliases: ["fiddle", "violinist", "suzuki violin"],
        typicalRateCents: [6500, 15000],
        audiences: [...ALL],
        online: true,
      },
      {
        slug: "voice",
        name: "Voice",
        aliases: ["singing", "vocal", "vocals", "singer", "voice lessons"],
        typicalRateCents: [6000, 16000],
        audiences: [...ALL],
        online: true,
      },
      {
        slug: "drums",
        name: "Drums",
        aliases: ["percussion", "drum kit", "drum", "drummer"],
        typicalRateCents: [5000, 11000],
        audiences: [...ALL],
        online: false,
      },
      {
        slug: "cello",
        name: "Cello",
        aliases: ["cellist", "violoncello"],
        typicalRateCents: [7000, 15000],
        audiences: [...ALL],
        online: true,
      },
      {
        slug: "ukulele",
        name: "Ukulele",
        aliases: ["uke"],
        typicalRateCents: [4000, 8000],
        audiences: [...ALL],
        online: true,
      },
      {
        slug: "saxophone",
        name: "Saxophone",
        aliases: ["sax", "alto sax", "tenor sax"],
        typicalRateCents: [6000, 13000],
        audiences: [...ALL],
        online: true,
      },
      {
        slug: "music-theory",
        name: "Music Theory",
        aliases: ["theory", "ear training", "composition", "solfege"],
        typicalRateCents: [5000, 12000],
        audiences: [...TEENS_ADULTS],
        online: true,
      },
    ],
  },
  {
    slug: "tutoring",
    name: "Tutoring",
    description: "Academic tutoring and test prep for Regents, SHSAT, SAT and ACT, and everyday homework help.",
    subjects: [
      {
        slug: "sat-math",
        name: "SAT Math",
        aliases: ["sat", "sat prep math", "sat prep"],
        typicalRateCents: [8000, 25000],
        audiences: ["teens"],
        online: true,
      },
      {
        slug: "sat-reading",
        name: "SAT Reading",
        aliases: ["sat verbal", "sat english", "sat reading and writing"],
        typicalRateCents: [8000, 25000],
        audiences: ["teens"],
        online: true,
      },
      {
        slug: "act",
        name: "ACT",
        aliases: ["act prep", "act test"],
        typicalRateCents: [8000, 25000],
        audiences: ["teens"],
        online: true,
      },
      {
        slug: "shsat",
        name: "SHSAT",
        aliases: ["shsat prep", "specialized high school test", "specialized high school admissions test"],
        typicalRateCents: [7000, 20000],
        audiences: ["kids", "teens"],
        online: true,
      },
      {
        slug: "algebra",
        name: "Algebra",
        aliases: ["algebra 1", "algebra 2", "algebra i", "algebra ii", "pre-algebra", "prealgebra"],
        typicalRateCents: [5000, 12000],
        audiences: ["kids", "teens"],
        online: true,
      },
      {
        slug: "geometry",
        name: "Geometry",
        aliases: ["high school geometry", "trigonometry", "trig"],
        typicalRateCents: [5000, 12000],
        audiences: ["teens"],
        online: true,
      },
      {
        slug: "calculus",
        name: "Calculus",
        aliases: ["calc", "ap calculus", "ap calc", "precalculus", "precalc", "pre-calc"],
        typicalRateCents: [7000, 16000],
        audiences: [...TEENS_ADULTS],
        online: true,
      },
      {
        slug: "chemistry",
        name: "Chemistry",
        aliases: ["chem", "ap chemistry", "ap chem", "organic chemistry"],
        typicalRateCents: [6500, 15000],
        audiences: [...TEENS_ADULTS],
        online: true,
      },
      {
        slug: "physics",
        name: "Physics",
        aliases: ["ap physics", "regents physics"],
        typicalRateCents: [6500, 15000],
        audiences: [...TEENS_ADULTS],
        online: true,
      },
      {
        slug: "biology",
        name: "Biology",
        aliases: ["bio", "ap biology", "ap bio", "living environment"],
        typicalRateCents: [6000, 14000],
        audiences: [...TEENS_ADULTS],
        online: true,
      },
      {
        slug: "essay-writing",
        name: "Essay Writing",
        aliases: ["college essays", "college essay", "writing", "essay", "personal statement"],
        typicalRateCents: [7000, 20000],
        audiences: [...TEENS_ADULTS],
        online: true,
      },
      {
        slug: "reading",
        name: "Reading",
        aliases: ["phonics", "early reading", "reading comprehension", "literacy"],
        typicalRateCents: [5000, 11000],
        audiences: ["kids"],
        online: false,
      },
    ],
  },
  {
    slug: "languages",
    name: "Languages",
    description: "Conversation, grammar and exam prep with native and fluent speakers.",
    subjects: [
      {
        slug: "spanish",
        name: "Spanish",
        aliases: ["espanol", "español", "castellano"],
        typicalRateCents: [4500, 10000],
        audiences: [...ALL],
        online: true,
      },
      {
        slug: "french",
        name: "French",
        aliases: ["francais", "français"],
        typicalRateCents: [5000, 11000],
        audiences: [...ALL],
        online: true,
      },
      {
        slug: "mandarin",
        name: "Mandarin",
        aliases: ["chinese", "mandarin chinese", "putonghua"],
        typicalRateCents: [5000, 11000],
        audiences: [...ALL],
        online: true,
      },
      {
        slug: "italian",
        name: "Italian",
        aliases: ["italiano"],
        typicalRateCents: [5000, 10000],
        audiences: [...ALL],
        online: true,
      },
      {
        slug: "japanese",
        name: "Japanese",
        aliases: ["nihongo"],
        typicalRateCents: [5000, 11000],
        audiences: [...ALL],
        online: true,
      },
      {
        slug: "german",
        name: "German",
        aliases: ["deutsch"],
        typicalRateCents: [5000, 10000],
        audiences: [...ALL],
        online: true,
      },
      {
        slug: "korean",
        name: "Korean",
        aliases: ["hangul", "hangeul"],
        typicalRateCents: [5000, 10000],
        audiences: [...ALL],
        online: true,
      },
      {
        slug: "esl",
        name: "ESL",
        aliases: ["english as a second language", "english", "esol", "toefl", "ielts"],
        typicalRateCents: [4000, 9000],
        audiences: [...ALL],
        online: true,
      },
    ],
  },
  {
    slug: "sports-fitness",
    name: "Sports & Fitness",
    description: "Coaching for swimming, racquet and combat sports, yoga, strength and chess.",
    subjects: [
      {
        slug: "swimming",
        name: "Swimming",
        aliases: ["swim", "swim lessons", "learn to swim"],
        typicalRateCents: [7000, 15000],
        audiences: [...ALL],
        online: false,
      },
      {
        slug: "yoga",
        name: "Yoga",
        aliases: ["vinyasa", "hatha yoga", "prenatal yoga"],
        typicalRateCents: [6000, 15000],
        audiences: [...TEENS_ADULTS],
        online: true,
      },
      {
        slug: "tennis",
        name: "Tennis",
        aliases: ["tennis coach", "tennis lessons"],
        typicalRateCents: [8000, 20000],
        audiences: [...ALL],
        online: false,
      },
      {
        slug: "boxing",
        name: "Boxing",
        aliases: ["kickboxing", "boxing coach"],
        typicalRateCents: [7000, 15000],
        audiences: [...TEENS_ADULTS],
        online: false,
      },
      {
        slug: "personal-training",
        name: "Personal Training",
        aliases: ["fitness", "pt", "personal trainer", "strength training", "weight loss"],
        typicalRateCents: [7000, 18000],
        audiences: [...TEENS_ADULTS],
        online: true,
      },
      {
        slug: "martial-arts",
        name: "Martial Arts",
        aliases: [
          "karate",
          "taekwondo",
          "tae kwon do",
          "jiu jitsu",
          "bjj",
          "judo",
          "muay thai",
          "self defense",
          "self-defense",
        ],
        typicalRateCents: [5000, 12000],
        audiences: [...ALL],
        online: false,
      },
      {
        slug: "chess",
        name: "Chess",
        aliases: ["chess coach", "chess lessons"],
        typicalRateCents: [4000, 12000],
        audiences: [...ALL],
        online: true,
      },
    ],
  },
  {
    slug: "arts",
    name: "Arts",
    description: "Drawing, painting, photography, acting and ceramics in home studios and rehearsal spaces.",
    subjects: [
      {
        slug: "drawing",
        name: "Drawing",
        aliases: ["sketching", "illustration", "figure drawing"],
        typicalRateCents: [4500, 10000],
        audiences: [...ALL],
        online: true,
      },
      {
        slug: "painting",
        name: "Painting",
        aliases: ["watercolor", "oil painting", "acrylic painting", "acrylics"],
        typicalRateCents: [5000, 11000],
        audiences: [...ALL],
        online: true,
      },
      {
        slug: "photography",
        name: "Photography",
        aliases: ["photo", "camera", "portrait photography", "street photography"],
        typicalRateCents: [6000, 15000],
        audiences: [...TEENS_ADULTS],
        online: false,
      },
      {
        slug: "acting",
        name: "Acting",
        aliases: ["drama", "theater", "theatre", "audition prep", "monologues"],
        typicalRateCents: [7000, 18000],
        audiences: [...ALL],
        online: true,
      },
      {
        slug: "ceramics",
        name: "Ceramics",
        aliases: ["pottery", "wheel throwing", "clay"],
        typicalRateCents: [6000, 12000],
        audiences: [...ALL],
        online: false,
      },
    ],
  },
  {
    slug: "technology",
    name: "Technology",
    description: "Coding, web development and practical software skills for school and work.",
    subjects: [
      {
        slug: "coding",
        name: "Coding",
        aliases: [
          "programming",
          "python",
          "javascript",
          "computer science",
          "cs",
          "scratch",
          "ap computer science",
          "ap cs",
        ],
        typicalRateCents: [6000, 16000],
        audiences: [...ALL],
        online: true,
      },
      {
        slug: "web-development",
        name: "Web Development",
        aliases: ["web dev", "web design", "html", "css", "react"],
        typicalRateCents: [7000, 17000],
        audiences: [...TEENS_ADULTS],
        online: true,
      },
      {
        slug: "excel",
        name: "Excel",
        aliases: ["microsoft excel", "spreadsheets", "google sheets"],
        typicalRateCents: [5000, 12000],
        audiences: ["adults"],
        online: true,
      },
      {
        slug: "graphic-design",
        name: "Graphic Design",
        aliases: ["photoshop", "adobe illustrator", "logo design"],
        typicalRateCents: [6000, 14000],
        audiences: [...TEENS_ADULTS],
        online: true,
      },
    ],
  },
  {
    slug: "dance",
    name: "Dance",
    description: "Ballet, hip hop, Latin and ballroom — technique classes and wedding first dances.",
    subjects: [
      {
        slug: "ballet",
        name: "Ballet",
        aliases: ["classical ballet", "pointe"],
        typicalRateCents: [6000, 14000],
        audiences: [...ALL],
        online: false,
      },
      {
        slug: "hip-hop",
        name: "Hip Hop",
        aliases: ["hiphop", "breakdancing", "street dance"],
        typicalRateCents: [5000, 12000],
        audiences: [...ALL],
        online: false,
      },
      {
        slug: "salsa",
        name: "Salsa",
        aliases: ["bachata", "latin dance", "mambo"],
        typicalRateCents: [5000, 12000],
        audiences: [...TEENS_ADULTS],
        online: false,
      },
      {
        slug: "ballroom",
        name: "Ballroom",
        aliases: ["ballroom dancing", "waltz", "tango", "wedding dance", "first dance"],
        typicalRateCents: [7000, 15000],
        audiences: [...TEENS_ADULTS],
        online: false,
      },
    ],
  },
];

export const SUBJECTS: readonly SubjectSeed[] = CATALOG.flatMap((c) => c.subjects);

/**
 * Throws if the catalogue is internally inconsistent: duplicate category/subject
 * slugs, non-kebab slugs, aliases that are not lower-case/trimmed, or any search
 * term (slug, lower-cased name, alias) that would resolve to two different subjects.
 */
export function assertCatalogConsistent(catalog: readonly CategorySeed[] = CATALOG): void {
  const errors: string[] = [];
  const kebab = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  const slugs = new Set<string>();
  // search term -> owning subject slug
  const terms = new Map<string, string>();

  const claimSlug = (slug: string, what: string) => {
    if (!kebab.test(slug)) errors.push(`${what} slug "${slug}" is not kebab-case`);
    if (slugs.has(slug)) errors.push(`duplicate slug "${slug}" (${what})`);
    slugs.add(slug);
  };

  for (const category of catalog) {
    claimSlug(category.slug, "category");
    if (category.subjects.length === 0) errors.push(`category "${category.slug}" has no subjects`);

    for (const subject of category.subjects) {
      claimSlug(subject.slug, "subject");

      for (const alias of subject.aliases) {
        if (alias !== alias.toLowerCase() || alias !== alias.trim() || alias.length === 0) {
          errors.push(`alias "${alias}" of "${subject.slug}" must be non-empty, trimmed and lower-case`);
        }
      }
      const ownTerms = new Set([subject.slug, subject.name.toLowerCase(), ...subject.aliases]);
      for (const term of ownTerms) {
        const owner = terms.get(term);
        if (owner !== undefined && owner !== subject.slug) {
          errors.push(`search term "${term}" maps to both "${owner}" and "${subject.slug}"`);
        }
        terms.set(term, subject.slug);
      }

      const [min, max] = subject.typicalRateCents;
      if (!Number.isInteger(min) || !Number.isInteger(max) || min <= 0 || min > max) {
        errors.push(`subject "${subject.slug}" has invalid rate range [${min}, ${max}]`);
      }
      if (subject.audiences.length === 0) errors.push(`subject "${subject.slug}" has no audiences`);
      if (new Set(subject.audiences).size !== subject.audiences.length) {
        errors.push(`subject "${subject.slug}" has duplicate audiences`);
      }
    }
  }

  if (errors.length > 0) {
    throw new Error(`Catalog is inconsistent:\n- ${errors.join("\n- ")}`);
  }
}
