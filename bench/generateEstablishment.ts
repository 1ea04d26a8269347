// A generator of realistic synthetic establishments for the benchmark (issue 6): sections, titles
// and grades with SCP ranges, part-time FTE, vacancies, leavers (struck through and starred), and a
// proposed structure with deletions, new posts and changes, plus a few problems per thousand rows
// (stray spaces in post numbers, a blank FTE, an unknown grade, a total row that does not foot).
import type { GridInput, SheetGrid } from "../src/core";

/** The three sheets of one synthetic workbook. */
export interface SyntheticWorkbook {
  readonly current: SheetGrid;
  readonly proposed: SheetGrid;
  readonly grades: SheetGrid;
}

const SECTIONS = ["Fieldwork", "Looked After Children", "Fostering", "Adoption", "Residential", "Business Support"];
const JOBS: readonly (readonly [string, string])[] = [
  ["Service Manager", "PO8"],
  ["Team Manager", "PO6"],
  ["Senior Practitioner", "PO4"],
  ["Social Worker", "PO2"],
  ["Family Support Worker", "SO1"],
  ["Residential Practitioner", "S3"],
  ["Business Support Officer", "S1"],
  ["Personal Adviser", "SO2"],
];
// SCP ranges on the 2019 spine that avoid the points whose 2025/26 values are not known (13 and
// 32–37): otherwise half the posts would come out not costed, far more than a few problems per
// thousand rows, and the costing the benchmark times would be skipped for them.
const GRADES: readonly (readonly [string, number, number])[] = [
  ["S1", 5, 8],
  ["S3", 9, 12],
  ["SO1", 17, 20],
  ["SO2", 20, 23],
  ["PO2", 24, 27],
  ["PO4", 28, 31],
  ["PO6", 38, 41],
  ["PO8", 40, 43],
];
const SURNAMES = ["Ashby", "Birch", "Carrow", "Dalton", "Elmore", "Fenwick", "Garside", "Holloway", "Ingham", "Jessop"];

// A small, fast, seedable generator (mulberry32), so every run benchmarks the same workbook.
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A workbook with `posts` post rows a side.
 *
 * @example
 * generateEstablishment(1000).current.rows.length //=> 1002 (header, 1000 posts, a total row)
 */
export function generateEstablishment(posts: number, seed = 1): SyntheticWorkbook {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const header = ["Post number", "Section", "Job title", "Grade", "SCP", "FTE", "Surname", "Initial"];
  const current: GridInput[][] = [header];
  const proposed: GridInput[][] = [header];
  let currentFte = 0;
  for (let i = 0; i < posts; i += 1) {
    const [title, grade] = pick(JOBS);
    const range = GRADES.find(([name]) => name === grade) ?? GRADES[0] ?? ["S1", 5, 8];
    const scp = range[1] + Math.floor(next() * (range[2] - range[1] + 1));
    const fte = next() < 0.7 ? 1 : Math.round((0.2 + next() * 0.79) * 100) / 100;
    const vacant = next() < 0.08;
    const leaver = !vacant && next() < 0.02;
    const number = 50_000_000 + i;
    const problem = next();
    const row: GridInput[] = [
      problem < 0.001 ? `${String(number).slice(0, 3)} ${String(number).slice(3)}` : number,
      pick(SECTIONS),
      leaver ? { value: `* ${title}`, struck: true } : title,
      problem > 0.999 ? "PO99" : grade,
      scp,
      problem > 0.998 && problem <= 0.999 ? null : fte,
      vacant ? "Vacant" : `${pick(SURNAMES)}-${i.toString(36)}`,
      vacant ? null : String.fromCharCode(65 + Math.floor(next() * 26)),
    ];
    current.push(row);
    currentFte += fte;
    const fate = next();
    if (fate < 0.1) continue; // deleted
    const changed = fate < 0.2;
    proposed.push([
      number,
      row[1] ?? null,
      changed ? pick(JOBS)[0] : title,
      changed ? pick(GRADES)[0] : grade,
      changed ? null : scp,
      fte,
      row[6] ?? null,
      row[7] ?? null,
    ]);
  }
  for (let i = 0; i < Math.floor(posts / 10); i += 1) {
    const [title, grade] = pick(JOBS);
    proposed.push([60_000_000 + i, pick(SECTIONS), title, grade, null, 1, "Vacant", null]);
  }
  // A stated total a little off, as HR totals are.
  current.push(["Total", null, null, null, null, Math.round(currentFte * 100) / 100 + 1, null, null]);
  const grades: GridInput[][] = [
    ["Grade", "SCP range"],
    ...GRADES.map(([name, low, high]) => [name, `${String(low)} - ${String(high)}`]),
  ];
  return {
    current: { name: "Current", rows: current },
    proposed: { name: "Proposed", rows: proposed },
    grades: { name: "Grades", rows: grades },
  };
}
