// New York City gazetteer used by the seed and by location search.
// Coordinates are approximate neighbourhood centroids (WGS84, 4 dp ≈ 11 m).
// Aliases are lower-case search terms that differ from the display name.

export type Borough = {
  slug: string;
  name: string;
  aliases: string[];
  lat: number;
  lng: number;
};

export type Neighbourhood = {
  slug: string;
  name: string;
  /** Borough slug. */
  borough: string;
  lat: number;
  lng: number;
  radiusKm: number;
  aliases: string[];
};

export const CITY = {
  name: "New York",
  timeZone: "America/New_York",
  lat: 40.7128,
  lng: -74.006,
} as const;

export const BOROUGHS: readonly Borough[] = [
  {
    slug: "manhattan",
    name: "Manhattan",
    aliases: ["nyc manhattan", "manhattan ny", "new york county"],
    lat: 40.7831,
    lng: -73.9712,
  },
  {
    slug: "brooklyn",
    name: "Brooklyn",
    aliases: ["bk", "bklyn", "brooklyn ny", "kings county"],
    lat: 40.6782,
    lng: -73.9442,
  },
  {
    slug: "queens",
    name: "Queens",
    aliases: ["queens ny", "qns", "queens county"],
    lat: 40.7282,
    lng: -73.7949,
  },
  {
    slug: "bronx",
    name: "The Bronx",
    aliases: ["bronx", "bx", "bronx ny", "bronx county"],
    lat: 40.8448,
    lng: -73.8648,
  },
  {
    slug: "staten-island",
    name: "Staten Island",
    aliases: ["si", "staten", "staten island ny", "richmond county"],
    lat: 40.5795,
    lng: -74.1502,
  },
];

export const NEIGHBOURHOODS: readonly Neighbourhood[] = [
  // Manhattan
  { slug: "financial-district", name: "Financial District", borough: "manhattan", lat: 40.7075, lng: -74.0113, radiusKm: 0.8, aliases: ["fidi", "wall street"] },
  { slug: "battery-park-city", name: "Battery Park City", borough: "manhattan", lat: 40.7115, lng: -74.0158, radiusKm: 0.6, aliases: ["bpc"] },
  { slug: "tribeca", name: "Tribeca", borough: "manhattan", lat: 40.7163, lng: -74.0086, radiusKm: 0.7, aliases: ["triangle below canal"] },
  { slug: "soho", name: "SoHo", borough: "manhattan", lat: 40.7233, lng: -74.003, radiusKm: 0.6, aliases: ["south of houston"] },
  { slug: "chinatown", name: "Chinatown", borough: "manhattan", lat: 40.7158, lng: -73.997, radiusKm: 0.6, aliases: ["manhattan chinatown"] },
  { slug: "lower-east-side", name: "Lower East Side", borough: "manhattan", lat: 40.715, lng: -73.9843, radiusKm: 0.9, aliases: ["les", "lower east"] },
  { slug: "east-village", name: "East Village", borough: "manhattan", lat: 40.7265, lng: -73.9815, radiusKm: 0.9, aliases: ["alphabet city"] },
  { slug: "greenwich-village", name: "Greenwich Village", borough: "manhattan", lat: 40.7322, lng: -73.998, radiusKm: 0.7, aliases: ["the village", "greenwich", "washington square"] },
  { slug: "west-village", name: "West Village", borough: "manhattan", lat: 40.7358, lng: -74.0036, radiusKm: 0.7, aliases: ["the west village"] },
  { slug: "chelsea", name: "Chelsea", borough: "manhattan", lat: 40.7465, lng: -74.0014, radiusKm: 1.0, aliases: [] },
  { slug: "flatiron", name: "Flatiron", borough: "manhattan", lat: 40.741, lng: -73.9897, radiusKm: 0.6, aliases: ["flatiron district", "nomad"] },
  { slug: "gramercy", name: "Gramercy", borough: "manhattan", lat: 40.7368, lng: -73.9845, radiusKm: 0.6, aliases: ["gramercy park"] },
  { slug: "murray-hill", name: "Murray Hill", borough: "manhattan", lat: 40.7479, lng: -73.9757, radiusKm: 0.7, aliases: ["kips bay"] },
  { slug: "midtown", name: "Midtown", borough: "manhattan", lat: 40.7549, lng: -73.984, radiusKm: 1.3, aliases: ["midtown manhattan", "times square"] },
  { slug: "hells-kitchen", name: "Hell's Kitchen", borough: "manhattan", lat: 40.7638, lng: -73.9918, radiusKm: 0.9, aliases: ["hells kitchen", "clinton", "midtown west"] },
  { slug: "upper-west-side", name: "Upper West Side", borough: "manhattan", lat: 40.787, lng: -73.9754, radiusKm: 1.5, aliases: ["uws", "upper west"] },
  { slug: "upper-east-side", name: "Upper East Side", borough: "manhattan", lat: 40.7736, lng: -73.9566, radiusKm: 1.5, aliases: ["ues", "upper east"] },
  { slug: "morningside-heights", name: "Morningside Heights", borough: "manhattan", lat: 40.81, lng: -73.9625, radiusKm: 0.8, aliases: ["morningside"] },
  { slug: "harlem", name: "Harlem", borough: "manhattan", lat: 40.8116, lng: -73.9465, radiusKm: 1.5, aliases: ["central harlem"] },
  { slug: "east-harlem", name: "East Harlem", borough: "manhattan", lat: 40.7957, lng: -73.9389, radiusKm: 1.1, aliases: ["spanish harlem", "el barrio"] },
  { slug: "washington-heights", name: "Washington Heights", borough: "manhattan", lat: 40.8417, lng: -73.9394, radiusKm: 1.4, aliases: ["wash heights", "wahi"] },
  { slug: "inwood", name: "Inwood", borough: "manhattan", lat: 40.8677, lng: -73.9212, radiusKm: 0.9, aliases: [] },

  // Brooklyn
  { slug: "williamsburg", name: "Williamsburg", borough: "brooklyn", lat: 40.7081, lng: -73.9571, radiusKm: 1.3, aliases: ["billyburg", "wburg", "willyburg"] },
  { slug: "greenpoint", name: "Greenpoint", borough: "brooklyn", lat: 40.7302, lng: -73.9522, radiusKm: 1.0, aliases: [] },
  { slug: "bushwick", name: "Bushwick", borough: "brooklyn", lat: 40.695, lng: -73.919, radiusKm: 1.3, aliases: [] },
  { slug: "dumbo", name: "DUMBO", borough: "brooklyn", lat: 40.7033, lng: -73.9881, radiusKm: 0.6, aliases: ["down under the manhattan bridge overpass", "vinegar hill"] },
  { slug: "brooklyn-heights", name: "Brooklyn Heights", borough: "brooklyn", lat: 40.696, lng: -73.9936, radiusKm: 0.7, aliases: ["bk heights"] },
  { slug: "downtown-brooklyn", name: "Downtown Brooklyn", borough: "brooklyn", lat: 40.6935, lng: -73.9855, radiusKm: 0.7, aliases: ["downtown bk", "dtbk"] },
  { slug: "cobble-hill", name: "Cobble Hill", borough: "brooklyn", lat: 40.6865, lng: -73.9962, radiusKm: 0.6, aliases: ["boerum hill"] },
  { slug: "carroll-gardens", name: "Carroll Gardens", borough: "brooklyn", lat: 40.6795, lng: -73.9991, radiusKm: 0.7, aliases: [] },
  { slug: "red-hook", name: "Red Hook", borough: "brooklyn", lat: 40.6734, lng: -74.0083, radiusKm: 0.9, aliases: [] },
  { slug: "fort-greene", name: "Fort Greene", borough: "brooklyn", lat: 40.6905, lng: -73.9745, radiusKm: 0.8, aliases: ["ft greene"] },
  { slug: "clinton-hill", name: "Clinton Hill", borough: "brooklyn", lat: 40.689, lng: -73.966, radiusKm: 0.8, aliases: [] },
  { slug: "prospect-heights", name: "Prospect Heights", borough: "brooklyn", lat: 40.6775, lng: -73.9692, radiusKm: 0.7, aliases: [] },
  { slug: "park-slope", name: "Park Slope", borough: "brooklyn", lat: 40.672, lng: -73.9778, radiusKm: 1.2, aliases: ["slope", "gowanus"] },
  { slug: "crown-heights", name: "Crown Heights", borough: "brooklyn", lat: 40.6694, lng: -73.9422, radiusKm: 1.5, aliases: ["crown hts"] },
  { slug: "bedford-stuyvesant", name: "Bedford-Stuyvesant", borough: "brooklyn", lat: 40.6872, lng: -73.9418, radiusKm: 1.6, aliases: ["bed-stuy", "bed stuy", "bedstuy", "bedford stuyvesant"] },
  { slug: "prospect-lefferts-gardens", name: "Prospect Lefferts Gardens", borough: "brooklyn", lat: 40.6587, lng: -73.9525, radiusKm: 0.8, aliases: ["plg", "lefferts"] },
  { slug: "flatbush", name: "Flatbush", borough: "brooklyn", lat: 40.641, lng: -73.958, radiusKm: 1.3, aliases: ["ditmas park"] },
  { slug: "sunset-park", name: "Sunset Park", borough: "brooklyn", lat: 40.6455, lng: -74.0124, radiusKm: 1.3, aliases: [] },
  { slug: "bay-ridge", name: "Bay Ridge", borough: "brooklyn", lat: 40.6264, lng: -74.0299, radiusKm: 1.4, aliases: ["the ridge"] },
  { slug: "borough-park", name: "Borough Park", borough: "brooklyn", lat: 40.6335, lng: -73.995, radiusKm: 1.2, aliases: ["boro park"] },
  { slug: "bensonhurst", name: "Bensonhurst", borough: "brooklyn", lat: 40.6018, lng: -73.996, radiusKm: 1.3, aliases: [] },
  { slug: "sheepshead-bay", name: "Sheepshead Bay", borough: "brooklyn", lat: 40.5865, lng: -73.9444, radiusKm: 1.2, aliases: ["sheepshead"] },
  { slug: "brighton-beach", name: "Brighton Beach", borough: "brooklyn", lat: 40.5776, lng: -73.9614, radiusKm: 0.8, aliases: ["brighton", "little odessa"] },
  { slug: "coney-island", name: "Coney Island", borough: "brooklyn", lat: 40.5755, lng: -73.985, radiusKm: 1.2, aliases: ["coney"] },

  // Queens
  { slug: "long-island-city", name: "Long Island City", borough: "queens", lat: 40.7447, lng: -73.9485, radiusKm: 1.3, aliases: ["lic", "hunters point"] },
  { slug: "astoria", name: "Astoria", borough: "queens", lat: 40.7644, lng: -73.9235, radiusKm: 1.6, aliases: ["ditmars", "astoria queens"] },
  { slug: "sunnyside", name: "Sunnyside", borough: "queens", lat: 40.7433, lng: -73.9196, radiusKm: 0.9, aliases: ["sunnyside gardens"] },
  { slug: "woodside", name: "Woodside", borough: "queens", lat: 40.7454, lng: -73.9054, radiusKm: 1.0, aliases: [] },
  { slug: "jackson-heights", name: "Jackson Heights", borough: "queens", lat: 40.7557, lng: -73.8831, radiusKm: 1.0, aliases: ["jackson hts"] },
  { slug: "elmhurst", name: "Elmhurst", borough: "queens", lat: 40.7365, lng: -73.878, radiusKm: 1.1, aliases: [] },
  { slug: "corona", name: "Corona", borough: "queens", lat: 40.7469, lng: -73.8601, radiusKm: 1.1, aliases: [] },
  { slug: "flushing", name: "Flushing", borough: "queens", lat: 40.763, lng: -73.83, radiusKm: 1.5, aliases: ["downtown flushing"] },
  { slug: "rego-park", name: "Rego Park", borough: "queens", lat: 40.7256, lng: -73.8625, radiusKm: 0.9, aliases: ["rego"] },
  { slug: "forest-hills", name: "Forest Hills", borough: "queens", lat: 40.7196, lng: -73.8448, radiusKm: 1.3, aliases: ["forest hills gardens"] },
  { slug: "kew-gardens", name: "Kew Gardens", borough: "queens", lat: 40.714, lng: -73.831, radiusKm: 0.8, aliases: ["kew"] },
  { slug: "ridgewood", name: "Ridgewood", borough: "queens", lat: 40.7043, lng: -73.9018, radiusKm: 1.1, aliases: [] },
  { slug: "bayside", name: "Bayside", borough: "queens", lat: 40.7634, lng: -73.7713, radiusKm: 1.8, aliases: [] },
  { slug: "jamaica", name: "Jamaica", borough: "queens", lat: 40.7027, lng: -73.789, radiusKm: 1.6, aliases: ["jamaica queens"] },
  { slug: "rockaway-beach", name: "Rockaway Beach", borough: "queens", lat: 40.586, lng: -73.816, radiusKm: 2.0, aliases: ["the rockaways", "rockaway", "rockaways"] },

  // The Bronx
  { slug: "mott-haven", name: "Mott Haven", borough: "bronx", lat: 40.8091, lng: -73.9229, radiusKm: 1.0, aliases: ["south bronx", "sobro"] },
  { slug: "concourse", name: "Concourse", borough: "bronx", lat: 40.8296, lng: -73.9219, radiusKm: 1.2, aliases: ["grand concourse"] },
  { slug: "fordham", name: "Fordham", borough: "bronx", lat: 40.8615, lng: -73.8905, radiusKm: 1.0, aliases: ["fordham road"] },
  { slug: "belmont", name: "Belmont", borough: "bronx", lat: 40.855, lng: -73.888, radiusKm: 0.8, aliases: ["arthur avenue", "little italy bronx"] },
  { slug: "kingsbridge", name: "Kingsbridge", borough: "bronx", lat: 40.8784, lng: -73.905, radiusKm: 0.9, aliases: ["kingsbridge heights"] },
  { slug: "riverdale", name: "Riverdale", borough: "bronx", lat: 40.899, lng: -73.9088, radiusKm: 1.6, aliases: ["spuyten duyvil"] },
  { slug: "parkchester", name: "Parkchester", borough: "bronx", lat: 40.8383, lng: -73.8605, radiusKm: 0.7, aliases: [] },
  { slug: "pelham-bay", name: "Pelham Bay", borough: "bronx", lat: 40.8494, lng: -73.8333, radiusKm: 1.2, aliases: ["pelham"] },
  { slug: "throgs-neck", name: "Throgs Neck", borough: "bronx", lat: 40.8184, lng: -73.8197, radiusKm: 1.5, aliases: ["throggs neck"] },
  { slug: "city-island", name: "City Island", borough: "bronx", lat: 40.8468, lng: -73.7874, radiusKm: 0.9, aliases: [] },

  // Staten Island
  { slug: "st-george", name: "St. George", borough: "staten-island", lat: 40.6437, lng: -74.0773, radiusKm: 0.8, aliases: ["st george", "saint george"] },
  { slug: "stapleton", name: "Stapleton", borough: "staten-island", lat: 40.627, lng: -74.0776, radiusKm: 0.8, aliases: ["stapleton heights"] },
  { slug: "west-brighton", name: "West Brighton", borough: "staten-island", lat: 40.627, lng: -74.1093, radiusKm: 0.9, aliases: ["west new brighton"] },
  { slug: "port-richmond", name: "Port Richmond", borough: "staten-island", lat: 40.6355, lng: -74.1254, radiusKm: 0.9, aliases: [] },
  { slug: "new-dorp", name: "New Dorp", borough: "staten-island", lat: 40.5738, lng: -74.1166, radiusKm: 1.0, aliases: ["new dorp beach"] },
  { slug: "great-kills", name: "Great Kills", borough: "staten-island", lat: 40.5543, lng: -74.1563, radiusKm: 1.4, aliases: [] },
  { slug: "tottenville", name: "Tottenville", borough: "staten-island", lat: 40.5083, lng: -74.2365, radiusKm: 1.5, aliases: [] },
];
