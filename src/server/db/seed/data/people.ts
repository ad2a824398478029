// Text pools for the deterministic instructor/student generator.
// Templates use {placeholder} tokens filled by fillTemplate(). {subject} is inserted
// verbatim, so templates are phrased to read well with a display name ("Piano", "SAT Math").
// {years} is a number ≥ 2 (templates say "years").

export const FIRST_NAMES: readonly string[] = [
  // Anglo / American
  "Emma", "Olivia", "James", "Michael", "Sarah", "Daniel", "Rachel", "Benjamin", "Hannah", "Nathan",
  "Claire", "Owen", "Grace", "Ethan", "Molly", "Jack", "Abigail", "Lucas", "Zoe", "Samuel",
  // Hispanic / Latin American
  "Sofia", "Mateo", "Valentina", "Diego", "Camila", "Alejandro", "Lucia", "Javier", "Isabela", "Carlos",
  "Gabriela", "Luis", "Mariana", "Andres", "Paola", "Rafael", "Ximena", "Joaquin",
  // East Asian
  "Wei", "Mei", "Jun", "Hana", "Yuki", "Haruto", "Min-jun", "Ji-woo", "Seo-yeon", "Xiaoling",
  "Jia", "Ming", "Kenji", "Sakura", "Hyun", "Yuna",
  // South Asian
  "Priya", "Arjun", "Ananya", "Rohan", "Aisha", "Vikram", "Kavya", "Rahul", "Nisha", "Sanjay",
  "Meera", "Dev",
  // African / African American / Caribbean
  "Amara", "Kwame", "Imani", "Jamal", "Nia", "Malik", "Zuri", "Tariq", "Keisha", "Darnell",
  "Chidi", "Ngozi", "Kofi", "Adaeze", "Marcus", "Jasmine",
  // Middle Eastern / North African
  "Omar", "Layla", "Youssef", "Yasmin", "Karim", "Noor", "Hassan", "Leila", "Ali", "Rania",
  // European
  "Luca", "Giulia", "Matteo", "Chiara", "Elodie", "Antoine", "Camille", "Hugo", "Lena", "Felix",
  "Ingrid", "Lars", "Katarina", "Mikhail", "Anya", "Dmitri", "Irina", "Nikos", "Eleni", "Piotr",
  "Agnieszka", "Sean", "Siobhan", "Aidan",
  // Hebrew / Israeli
  "Noa", "Avi", "Tamar", "Eitan", "Yael", "Ari",
];

export const LAST_NAMES: readonly string[] = [
  // Anglo / American
  "Smith", "Johnson", "Williams", "Brown", "Miller", "Davis", "Anderson", "Taylor", "Thompson", "Walker",
  "Harris", "Clark", "Lewis", "Robinson", "Carter", "Mitchell", "Bennett", "Hayes", "Brooks", "Foster",
  // Hispanic / Latin American
  "Garcia", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Perez", "Sanchez", "Ramirez", "Torres",
  "Rivera", "Flores", "Morales", "Castillo", "Vargas", "Ortiz", "Mendoza", "Reyes", "Cruz", "Gutierrez",
  // East Asian
  "Chen", "Wang", "Li", "Zhang", "Liu", "Huang", "Wu", "Lin", "Kim", "Park",
  "Lee", "Choi", "Jung", "Tanaka", "Suzuki", "Sato", "Nakamura", "Nguyen", "Tran", "Pham",
  // South Asian
  "Patel", "Shah", "Sharma", "Gupta", "Singh", "Reddy", "Iyer", "Desai", "Chowdhury", "Rahman",
  "Kapoor", "Mehta",
  // African / Caribbean
  "Okafor", "Adeyemi", "Mensah", "Owusu", "Nwosu", "Diallo", "Kamara", "Mwangi", "Baptiste", "Joseph",
  "Pierre", "Francois", "Charles", "Campbell",
  // Middle Eastern / North African
  "Haddad", "Khoury", "Nasser", "Farah", "Aziz", "Saleh", "Hamdan", "Mansour",
  // European
  "Rossi", "Russo", "Bianchi", "Romano", "Dubois", "Moreau", "Laurent", "Muller", "Schmidt", "Becker",
  "Novak", "Kowalski", "Nowak", "Ivanov", "Petrov", "Volkov", "Papadopoulos", "Andersson", "Larsen", "Jansen",
  "O'Brien", "Murphy", "Kelly", "Gallagher",
  // Hebrew / Jewish
  "Cohen", "Levy", "Friedman", "Goldberg", "Katz", "Rosen",
];

/** Generic headlines that read well for any subject. Placeholders: {subject}, {years}. */
export const HEADLINE_TEMPLATES: readonly string[] = [
  "{subject} teacher with {years} years of experience",
  "Patient {subject} instructor for all levels",
  "{subject} lessons that are fun, structured and effective",
  "{years} years teaching {subject} to kids and adults",
  "Certified {subject} instructor — beginners welcome",
  "Friendly {subject} coach, {years} years in NYC",
  "Build real confidence in {subject}",
  "{subject} tutor focused on fundamentals and results",
  "Experienced {subject} teacher, in-home or online",
  "From first lesson to advanced: {subject} with a pro",
  "Award-winning {subject} instructor, {years} years teaching",
  "Personalized {subject} lessons tailored to your goals",
  "Energetic {subject} teacher who loves beginners",
  "{subject} for busy adults — flexible evening slots",
  "Relaxed, pressure-free {subject} lessons",
  "Professional {subject} instructor, {years}+ years",
  "Learn {subject} the right way, from day one",
  "{subject} coaching with clear weekly goals",
  "Bilingual {subject} teacher (English/Spanish)",
  "Calm, encouraging {subject} lessons for nervous beginners",
  "{subject} instructor and working professional in New York",
  "Structured {subject} program, {years} years of happy students",
  "Former school teacher now teaching {subject} privately",
  "{subject} lessons near you — I travel across the boroughs",
  "Top-rated {subject} teacher, {years} years in the classroom and studio",
];

/** Category-specific headlines (keyed by category slug); mix with HEADLINE_TEMPLATES. */
export const CATEGORY_HEADLINE_TEMPLATES: Readonly<Record<string, readonly string[]>> = {
  music: [
    "Juilliard-trained {subject} teacher, {years} years with kids and adults",
    "Manhattan School of Music grad teaching {subject}",
    "Gigging NYC musician offering {subject} lessons",
    "{subject} lessons: classical, jazz and pop",
  ],
  tutoring: [
    "Columbia grad tutoring {subject}, {years} years of results",
    "Former NYC DOE teacher tutoring {subject}",
    "{subject} tutor: Regents, AP and test prep",
    "Ivy League {subject} tutor with proven score gains",
  ],
  languages: [
    "Native speaker teaching {subject} conversation and grammar",
    "Learn {subject} for travel, work or school",
    "{subject} teacher with {years} years of immersive lessons",
  ],
  "sports-fitness": [
    "Certified {subject} coach, {years} years training all ages",
    "Former college athlete coaching {subject}",
    "{subject} sessions in the park, gym or your building",
  ],
  arts: [
    "Working NYC artist teaching {subject}",
    "MFA-trained {subject} instructor, {years} years teaching",
    "{subject} classes in my Brooklyn studio or yours",
  ],
  technology: [
    "Software engineer teaching {subject} part-time",
    "{subject} mentor for career changers and teens",
    "Project-based {subject} lessons, {years} years in industry",
  ],
  dance: [
    "Professional dancer teaching {subject}, {years} years on stage",
    "{subject} lessons for beginners, couples and weddings",
    "Broadway performer offering private {subject} lessons",
  ],
};

/** Multi-sentence bios. Placeholders: {first}, {subject}, {neighbourhood}, {years}. */
export const BIO_TEMPLATES: readonly string[] = [
  "Hi, I'm {first}! I've been teaching {subject} for {years} years, mostly out of my home studio in {neighbourhood}. I tailor every lesson to the student in front of me, whether that means exam goals or just having fun. Beginners are always welcome.",
  "I'm {first}, a {neighbourhood}-based {subject} instructor with {years} years of experience. My lessons balance solid fundamentals with material my students actually enjoy. I work with kids, teens and adults and am happy to travel nearby.",
  "{subject} has been my passion for as long as I can remember, and for the last {years} years I've loved sharing it. I teach in {neighbourhood} and online. Expect clear goals, honest feedback and a relaxed atmosphere.",
  "My name is {first} and I teach {subject} to students of all ages. Over {years} years I've helped hundreds of learners hit their goals, from first lessons to competitive auditions and exams. I'm based in {neighbourhood} and offer a free 15-minute consultation.",
  "Hello! I'm {first}. I started teaching {subject} {years} years ago while still in school and never stopped. I believe patience and consistency beat talent every time. Lessons are held near {neighbourhood} or over video.",
  "I'm {first}, and I make {subject} approachable. After {years} years of teaching I know that every student learns differently, so I build a plan around you. I live in {neighbourhood} and teach there most weekday evenings and weekends.",
  "As a lifelong New Yorker living in {neighbourhood}, I've taught {subject} to students from all five boroughs for {years} years. I keep lessons structured but flexible, and I send short practice notes after every session so progress never stalls.",
  "I'm {first}, a former classroom teacher who now teaches {subject} privately. With {years} years of experience, I specialize in helping students who feel stuck or anxious. Sessions take place in {neighbourhood}, at your home, or online.",
  "Whether you're picking up {subject} for the first time or returning after years away, I'll meet you where you are. I'm {first}, I've taught for {years} years, and my students range from age six to sixty-six. I'm based in {neighbourhood}.",
  "I'm {first}. I teach {subject} with a focus on real-world skills and measurable progress. In my {years} years of teaching I've worked with schools, after-school programs and private students across {neighbourhood} and beyond.",
  "Hi there! {first} here. I've spent {years} years teaching {subject} and I still get excited about every lesson. I keep things upbeat and encouraging, especially with younger students. You'll find me in {neighbourhood}.",
  "I teach {subject} because I remember how much one great teacher changed things for me. I'm {first}, I've been doing this for {years} years, and I work out of a quiet space in {neighbourhood}. Parents get a short progress update every month.",
  "I'm {first}, a professional working in New York who has taught {subject} on the side for {years} years. My students appreciate that I bring real-world experience into every lesson. I'm flexible with scheduling and based in {neighbourhood}.",
  "Learning {subject} should feel rewarding, not intimidating. I'm {first} and for {years} years I've helped adults and kids build skills step by step. I teach in {neighbourhood} and can travel within about a half hour.",
  "I'm {first}, a {subject} instructor with {years} years of experience and a calm, detail-oriented style. I set clear milestones, celebrate small wins and adjust the plan as we go. Lessons are available in {neighbourhood} and online.",
];

/** Languages an instructor may list as spoken. */
export const LANGUAGES: readonly string[] = [
  "English", "Spanish", "Mandarin", "Cantonese", "Russian", "French", "Haitian Creole", "Korean",
  "Italian", "Arabic", "Bengali", "Hebrew", "Yiddish", "Polish", "Japanese", "German",
  "Portuguese", "Hindi", "Urdu", "Greek", "Tagalog", "Vietnamese",
];

export type ReviewSnippet = { rating: 1 | 2 | 3 | 4 | 5; text: string };

/** Short review texts; mostly 5-star, a few 4 and 3. */
export const REVIEW_SNIPPETS: readonly ReviewSnippet[] = [
  { rating: 5, text: "Fantastic teacher. My daughter looks forward to every lesson." },
  { rating: 5, text: "Patient, clear and genuinely encouraging. Highly recommend." },
  { rating: 5, text: "Best instructor I've had. I improved more in two months than in a year on my own." },
  { rating: 5, text: "Always on time, well prepared and great with kids." },
  { rating: 5, text: "My son's test score went up 140 points. Worth every penny." },
  { rating: 5, text: "Explains things in a way that finally clicked for me." },
  { rating: 5, text: "Warm, professional and incredibly knowledgeable." },
  { rating: 5, text: "We've been taking lessons for a year and couldn't be happier." },
  { rating: 5, text: "Makes every session fun without losing focus. Five stars." },
  { rating: 5, text: "Great at adapting the lesson to what I actually need." },
  { rating: 5, text: "Super flexible with scheduling, which matters a lot for our family." },
  { rating: 5, text: "I was nervous as an adult beginner but felt comfortable right away." },
  { rating: 5, text: "Detailed feedback after every lesson. Really organized." },
  { rating: 5, text: "Our kids adore this teacher. Lessons are the highlight of their week." },
  { rating: 5, text: "Knows exactly how to motivate a teenager. Thank you!" },
  { rating: 5, text: "Prepared me perfectly for my audition. I got in!" },
  { rating: 5, text: "Kind, patient and very skilled. Couldn't ask for more." },
  { rating: 5, text: "Online lessons work surprisingly well. Clear audio, great materials." },
  { rating: 5, text: "Helped me go from zero to holding a real conversation in three months." },
  { rating: 5, text: "Consistently excellent. We've recommended them to three other families." },
  { rating: 5, text: "Gave my daughter confidence she didn't have before." },
  { rating: 5, text: "Super knowledgeable and easy to talk to." },
  { rating: 5, text: "Every lesson has a clear plan and homework that actually helps." },
  { rating: 5, text: "Traveled to our apartment every week, rain or shine." },
  { rating: 4, text: "Very good teacher. Occasionally ran a few minutes late but made up the time." },
  { rating: 4, text: "Solid lessons and good materials. Would like a bit more homework." },
  { rating: 4, text: "Knowledgeable and friendly. Scheduling was sometimes tricky." },
  { rating: 4, text: "Great with the fundamentals. My son is making steady progress." },
  { rating: 4, text: "Helpful and patient. The studio is a little hard to find at first." },
  { rating: 4, text: "Good value for the price. I'd book again." },
  { rating: 4, text: "Really nice person and a good teacher. Lessons sometimes felt a bit rushed." },
  { rating: 4, text: "Improved a lot in a short time. Communication between lessons could be better." },
  { rating: 4, text: "Enjoyable lessons, clear explanations. Booking more soon." },
  { rating: 3, text: "Knows the material well, but the lessons felt a little unstructured." },
  { rating: 3, text: "Decent lessons. Rescheduled twice on short notice." },
  { rating: 3, text: "Nice teacher, but the pace was too slow for what I wanted." },
  { rating: 3, text: "Okay overall. My daughter liked it, but we didn't see much progress." },
  { rating: 3, text: "Good teacher for beginners; less helpful at a more advanced level." },
  { rating: 3, text: "Fine, but a bit pricey for what we got." },
  { rating: 3, text: "Friendly, though communication outside of lessons was slow." },
];

/** NYC-ish street names for private teaching addresses. */
export const STREET_NAMES: readonly string[] = [
  "Broadway", "Amsterdam Avenue", "Columbus Avenue", "Lexington Avenue", "Madison Avenue",
  "West End Avenue", "Riverside Drive", "St. Marks Place", "Bleecker Street", "Houston Street",
  "Delancey Street", "Canal Street", "Bedford Avenue", "Atlantic Avenue", "Flatbush Avenue",
  "Court Street", "Smith Street", "7th Avenue", "Fulton Street", "DeKalb Avenue",
  "Myrtle Avenue", "Nostrand Avenue", "Eastern Parkway", "Steinway Street", "Ditmars Boulevard",
  "Queens Boulevard", "Roosevelt Avenue", "Austin Street", "Main Street", "Grand Concourse",
  "Arthur Avenue", "Victory Boulevard", "Hylan Boulevard", "Vernon Boulevard", "Manhattan Avenue",
];

export type TemplateVars = Partial<Record<"subject" | "years" | "first" | "neighbourhood", string | number>>;

/** Replaces {key} tokens; throws on a token with no value so broken seeds fail loudly. */
export function fillTemplate(template: string, vars: TemplateVars): string {
  return template.replace(/\{(\w+)\}/g, (_match, key: string) => {
    const value = (vars as Record<string, string | number | undefined>)[key];
    if (value === undefined) throw new Error(`Missing template value for {${key}} in "${template}"`);
    return String(value);
  });
}
