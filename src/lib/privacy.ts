/** How a person appears in anything public: first name and last initial ("Maria G."), never the full last name. */
export function publicName(firstName: string, lastName: string): string {
  const first = firstName.trim();
  const initial = lastName.trim().charAt(0).toUpperCase();
  return initial ? `${first} ${initial}.` : first;
}
