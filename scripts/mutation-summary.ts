/**
 * Short summary of the last mutation run (reports/mutation/mutation.json, written by `npm run test:mutation`):
 * the score per file and each surviving or uncovered mutant, printed and saved as reports/mutation/survivors.md.
 * Score = (killed + timed out) / (killed + timed out + survived + no coverage); ignored mutants are left out.
 */
import { readFileSync, writeFileSync } from "node:fs";

type Mutant = {
  status: string;
  mutatorName: string;
  replacement?: string;
  location: { start: { line: number; column: number } };
};
const REPORT = "reports/mutation/mutation.json";
const report = JSON.parse(readFileSync(REPORT, "utf8")) as { files: Record<string, { mutants: Mutant[] }> };

const lines: string[] = ["# Mutation survivors", ""];
for (const [file, { mutants }] of Object.entries(report.files)) {
  const count = (s: string) => mutants.filter((m) => m.status === s).length;
  const detected = count("Killed") + count("Timeout");
  const undetected = count("Survived") + count("NoCoverage");
  const score = detected + undetected ? (100 * detected) / (detected + undetected) : 100;
  lines.push(
    `## ${file}: ${score.toFixed(2)} % (killed ${count("Killed")}, timeout ${count("Timeout")}, survived ${count("Survived")}, no coverage ${count("NoCoverage")}, ignored ${count("Ignored")})`,
  );
  for (const m of mutants.filter((x) => x.status === "Survived" || x.status === "NoCoverage")) {
    const { line, column } = m.location.start;
    lines.push(
      `- ${m.status} ${file}:${line}:${column} ${m.mutatorName} → ${JSON.stringify(m.replacement ?? "").slice(0, 100)}`,
    );
  }
  lines.push("");
}
const text = lines.join("\n");
writeFileSync("reports/mutation/survivors.md", text);
console.log(text);
