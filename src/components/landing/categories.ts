import type { ComponentType, SVGProps } from "react";
import {
  BookIcon,
  CodeIcon,
  DumbbellIcon,
  LanguagesIcon,
  MusicIcon,
  PaletteIcon,
  SparklesIcon,
} from "~/components/ui/icons";

export type CategoryTile = {
  name: string;
  examples: string[];
  Icon: ComponentType<SVGProps<SVGSVGElement>>;
  /** Tile accent: icon background and text colour. */
  tone: string;
};

/** Static for now; the catalog router will supply these (PRODUCT.md §2). */
export const CATEGORIES: CategoryTile[] = [
  {
    name: "Music",
    examples: ["Piano", "Guitar", "Voice", "Violin"],
    Icon: MusicIcon,
    tone: "bg-brand-100 text-brand-700",
  },
  {
    name: "Tutoring",
    examples: ["SAT Math", "Chemistry", "Essay writing"],
    Icon: BookIcon,
    tone: "bg-sky-100 text-sky-700",
  },
  {
    name: "Languages",
    examples: ["Spanish", "French", "Mandarin"],
    Icon: LanguagesIcon,
    tone: "bg-amber-100 text-amber-700",
  },
  {
    name: "Sports & Fitness",
    examples: ["Swimming", "Tennis", "Yoga"],
    Icon: DumbbellIcon,
    tone: "bg-emerald-100 text-emerald-700",
  },
  {
    name: "Arts",
    examples: ["Drawing", "Painting", "Photography"],
    Icon: PaletteIcon,
    tone: "bg-rose-100 text-rose-700",
  },
  {
    name: "Technology",
    examples: ["Python", "Web development", "Excel"],
    Icon: CodeIcon,
    tone: "bg-indigo-100 text-indigo-700",
  },
  {
    name: "Dance",
    examples: ["Ballet", "Salsa", "Hip hop"],
    Icon: SparklesIcon,
    tone: "bg-fuchsia-100 text-fuchsia-700",
  },
];

export const POPULAR_SEARCHES = ["Piano", "SAT Math", "Spanish", "Swimming", "Guitar", "Yoga"];
