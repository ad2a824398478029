/** Mirrors the server rule (src/server/auth/password.ts); the server stays the judge. */
export const PASSWORD_MIN_LENGTH = 10;

type Strength = { score: 0 | 1 | 2 | 3 | 4; label: string; hint: string };

/** A quick, friendly estimate: length first, then variety; common patterns are penalised. */
export function passwordStrength(pw: string): Strength {
  if (!pw)
    return {
      score: 0,
      label: "",
      hint: `Use at least ${PASSWORD_MIN_LENGTH} characters. A short sentence works well.`,
    };
  if (pw.length < PASSWORD_MIN_LENGTH) {
    return {
      score: 1,
      label: "Too short",
      hint: `${PASSWORD_MIN_LENGTH - pw.length} more character${PASSWORD_MIN_LENGTH - pw.length === 1 ? "" : "s"} needed.`,
    };
  }
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(pw)).length;
  const weak = /^(.)\1+$/.test(pw) || /password|qwerty|123456|letmein|instainstru/i.test(pw);
  if (weak) return { score: 1, label: "Weak", hint: "Avoid common words and repeated characters." };
  let score = (pw.length >= 16 ? 2 : 1) + (classes >= 3 ? 2 : classes >= 2 ? 1 : 0);
  score = Math.min(4, score);
  const labels = ["", "Weak", "Fair", "Good", "Strong"] as const;
  const hints = [
    "",
    "Add more words or characters.",
    "Longer is stronger — try adding another word.",
    "Good password.",
    "Great password.",
  ] as const;
  return { score: score as Strength["score"], label: labels[score] ?? "", hint: hints[score] ?? "" };
}

const COLORS = ["bg-slate-200", "bg-red-500", "bg-amber-500", "bg-emerald-500", "bg-emerald-600"];

/** Strength meter + hint, used as a field's hint (so it is read with the input via aria-describedby). */
export function PasswordStrengthHint({ password }: { password: string }) {
  const s = passwordStrength(password);
  return (
    <span className="block">
      <span className="flex gap-1" aria-hidden="true">
        {[1, 2, 3, 4].map((i) => (
          <span key={i} className={`h-1.5 flex-1 rounded-full ${s.score >= i ? COLORS[s.score] : "bg-slate-200"}`} />
        ))}
      </span>
      <span className="mt-1.5 block">
        {s.label && <strong className="font-semibold text-slate-700">{s.label}. </strong>}
        {s.hint}
      </span>
    </span>
  );
}
