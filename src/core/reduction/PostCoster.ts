import type { TableUsed } from "../data/SourceRef";
import type { EstablishmentRow } from "../establishment/EstablishmentRow";
import type { GradeBook, GradeEntry, MoneyRange } from "../establishment/readGradesSheet";
import { CostingError } from "../errors/CostingError";
import type { Pence } from "../money/pence";
import { ONE_RATIO, ratioFromNumber } from "../money/Ratio";
import { applyRatio, MONEY_ROUNDING } from "../money/rounding";
import { calculatePostCost } from "../oncosts/calculatePostCost";
import { gradeCostingPoint } from "../pay/gradeCostingPoint";
import { lookupScpSalary, type ScpSalary } from "../pay/lookupScpSalary";
import type { CostBasis, CostedPost } from "./costPost";
import type { ReductionSettings } from "./ReductionSettings";

/** A line's cost on a salary, shared by every line on the same salary (or SCP) and FTE. */
interface Costing {
  readonly pay: Pence;
  readonly employerNi: Pence;
  readonly pension: Pence;
  readonly levy: Pence;
  readonly flatOnCost: Pence;
  readonly total: Pence;
  readonly note: string;
  readonly tables: readonly TableUsed[];
}

/** Costings by SCP (costed from the spine) or by salary in pence (a salary given), then by FTE. */
type Costings = Map<string | number, Map<number, Costing>>;

const NO_TABLES: readonly TableUsed[] = Object.freeze([]);

/**
 * Costs the lines of one run (see {@link costPost} for how a line is costed), remembering what it
 * has worked out. A million lines sit on a few dozen SCPs and a few hundred FTE figures: each SCP
 * is looked up once, each grade's costing point found once, and each (SCP or salary, FTE) costed
 * once, its note and table list shared by the lines on it, rather than NI and pension worked out,
 * and a note and tables built, per line. The figures are the ones costing each line alone gives.
 *
 * @example
 * const coster = new PostCoster(validation.grades, settings);
 * validation.current?.rows.map((line) => coster.cost(line, "current").total)
 */
export class PostCoster {
  private readonly spine = new Map<string, ScpSalary | CostingError>();
  private readonly points = new Map<GradeEntry, string | CostingError>();
  // A line of several posts (fte > 1, nobody named) is costed differently from one person above
  // 1.0 FTE, so the two are kept apart.
  private readonly single: Costings = new Map();
  private readonly group: Costings = new Map();

  constructor(
    private readonly grades: GradeBook | null,
    private readonly settings: ReductionSettings,
  ) {}

  /**
   * Costs one line for this run's settings.
   *
   * @example
   * coster.cost(line, "proposed").total //=> 4512300
   */
  cost(line: EstablishmentRow, side: "current" | "proposed"): CostedPost {
    const fte = line.fte ?? 0;
    if (line.kind === "allowance") {
      return {
        side,
        line,
        basis: "allowance",
        fte: 0,
        ...NONE,
        total: line.cost,
        note: "Allowance: carried as stated",
      };
    }
    if (line.cost !== null) {
      return {
        side,
        line,
        basis: "stated-cost",
        fte,
        ...NONE,
        total: line.cost,
        note: `Cost as stated in ${line.sheet}`,
      };
    }
    if (line.fte === null) return notCosted(line, side, 0, "The FTE is unknown");
    const grades = this.grades;
    const entry = line.grade === null || grades === null ? undefined : grades.grades.get(line.grade.key);
    try {
      if (line.scp !== null || (entry !== undefined && entry.ranges.length > 0)) {
        const scp = line.scp ?? this.pointOf(entry as GradeEntry);
        const found = this.salaryAt(scp);
        return onSpine(
          line,
          side,
          found.salary,
          line.scp === null ? "grade-point" : "scp",
          scp,
          this.costing(line, found.salary, scp, found.table),
        );
      }
      if (line.salary !== null) return this.onSalary(line, side, line.salary);
      if (entry?.salary != null) return this.onSalary(line, side, this.pick(entry.salary));
      if (entry?.costPerFte != null) {
        const perFte = this.pick(entry.costPerFte);
        return {
          side,
          line,
          basis: "cost-per-fte",
          fte,
          ...NONE,
          total: applyRatio(perFte, ratioFromNumber(fte), MONEY_ROUNDING),
          note: `Grade ${entry.grade}: full cost per FTE, on-costs included`,
        };
      }
    } catch (error: unknown) {
      if (error instanceof CostingError) return notCosted(line, side, fte, error.message);
      throw error;
    }
    if (line.grade === null) return notCosted(line, side, fte, "No grade, SCP or salary");
    if (grades === null) return notCosted(line, side, fte, "No grades table to cost the grade from");
    if (entry === undefined) return notCosted(line, side, fte, `Grade ${line.grade.text} is not in the grades table`);
    return notCosted(line, side, fte, `Grade ${entry.grade} has no SCP range, salary or cost per FTE`);
  }

  private onSalary(line: EstablishmentRow, side: "current" | "proposed", salary: Pence): CostedPost {
    return onSpine(line, side, salary, "grade-salary", null, this.costing(line, salary, null, null));
  }

  // A point the spine cannot pay is remembered as the error it gives, not looked up per line.
  private salaryAt(scp: string): ScpSalary {
    let found = this.spine.get(scp);
    if (found === undefined) {
      try {
        found = lookupScpSalary(scp, this.settings.payYear, null);
      } catch (error: unknown) {
        if (!(error instanceof CostingError)) throw error;
        found = error;
      }
      this.spine.set(scp, found);
    }
    if (found instanceof CostingError) throw found;
    return found;
  }

  private pointOf(entry: GradeEntry): string {
    let point = this.points.get(entry);
    if (point === undefined) {
      const lowest = Math.min(...entry.ranges.map((range) => range.lowest));
      const highest = Math.max(...entry.ranges.map((range) => range.highest));
      try {
        point = gradeCostingPoint(
          { grade: entry.grade, lowest: String(lowest), highest: String(highest) },
          this.settings.point,
        );
      } catch (error: unknown) {
        if (!(error instanceof CostingError)) throw error;
        point = error;
      }
      this.points.set(entry, point);
    }
    if (point instanceof CostingError) throw point;
    return point;
  }

  private pick(range: MoneyRange): Pence {
    const point = this.settings.point;
    if (point === "top") return range.highest;
    if (point === "bottom") return range.lowest;
    return Math.round((range.lowest + range.highest) / 2);
  }

  // The costing of a line on `salary` (from `scp` on the spine, whose table leads the list, when
  // given), worked out once per (SCP or salary, FTE, several posts or one).
  private costing(line: EstablishmentRow, salary: Pence, scp: string | null, spineTable: TableUsed | null): Costing {
    const fte = line.fte ?? 0;
    const group = fte > 1 && line.postHolder === null;
    const costings = group ? this.group : this.single;
    const key = scp ?? salary;
    let byFte = costings.get(key);
    if (byFte === undefined) {
      byFte = new Map();
      costings.set(key, byFte);
    }
    let costing = byFte.get(fte);
    if (costing === undefined) {
      costing = this.workOut(salary, fte, group, scp, spineTable);
      byFte.set(fte, costing);
    }
    return costing;
  }

  private workOut(
    salary: Pence,
    fte: number,
    group: boolean,
    scp: string | null,
    spineTable: TableUsed | null,
  ): Costing {
    const settings = this.settings;
    // A line of several posts: each FTE is a full-time post, costed once and multiplied, because
    // NI thresholds apply to each person, not to the line.
    const share = group ? 1 : fte;
    const one = calculatePostCost({
      salary,
      fte: share === 1 ? ONE_RATIO : ratioFromNumber(share),
      taxYear: settings.taxYear,
      category: settings.niCategory,
      niMethod: settings.niMethod,
      pension: settings.pension,
      levy: settings.levy,
      ...(settings.flatRate === null ? {} : { flatRate: settings.flatRate }),
    });
    const times = (pence: Pence): Pence => (group ? applyRatio(pence, ratioFromNumber(fte), MONEY_ROUNDING) : pence);
    const pay = times(one.pay);
    const employerNi = times(one.employerNi);
    const pension = times(one.pension);
    const levy = times(one.levy);
    const flatOnCost = times(one.flatOnCost);
    return {
      pay,
      employerNi,
      pension,
      levy,
      flatOnCost,
      // The sum of the rounded parts, so that every costed line foots across its columns.
      total: pay + employerNi + pension + levy + flatOnCost,
      note: `${scp === null ? "Salary" : `SCP ${scp}`}${group ? `; ${String(fte)} full-time posts` : ""}; ${one.niRule}`,
      tables: spineTable === null ? one.tables : [spineTable, ...one.tables],
    };
  }
}

// The figures of a line that is not costed from a salary, in the order CostedPost has always had.
const NONE = {
  scp: null,
  salary: null,
  pay: null,
  employerNi: null,
  pension: null,
  levy: null,
  flatOnCost: null,
  tables: NO_TABLES,
} as const;

function onSpine(
  line: EstablishmentRow,
  side: "current" | "proposed",
  salary: Pence,
  basis: CostBasis,
  scp: string | null,
  costing: Costing,
): CostedPost {
  return {
    side,
    line,
    basis,
    scp,
    salary,
    fte: line.fte ?? 0,
    pay: costing.pay,
    employerNi: costing.employerNi,
    pension: costing.pension,
    levy: costing.levy,
    flatOnCost: costing.flatOnCost,
    total: costing.total,
    note: costing.note,
    tables: costing.tables,
  };
}

function notCosted(line: EstablishmentRow, side: "current" | "proposed", fte: number, note: string): CostedPost {
  return {
    side,
    line,
    basis: "not-costed",
    scp: null,
    salary: null,
    fte,
    pay: null,
    employerNi: null,
    pension: null,
    levy: null,
    flatOnCost: null,
    total: null,
    note,
    tables: NO_TABLES,
  };
}
