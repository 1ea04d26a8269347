/** How much a problem matters: errors stop a figure being trusted, info records what was done. */
export type Severity = "error" | "warning" | "info";

/** What every code in the catalogue means, how serious it is by default and what to do about it. */
export interface ProblemKind {
  readonly severity: Severity;
  /** One line for a list of codes (docs, the task pane's filter). */
  readonly title: string;
  /** What the user should do, unless a problem gives a more specific hint. */
  readonly hint: string;
}

/**
 * The one catalogue of validation problems. Codes are stable: tests, the task pane and `--json`
 * users depend on them, so rename never, add freely. Sources: shared/reference/hr-sheet-problems.md
 * (the numbered problems seen in the seed documents) and issue 3.
 *
 * @example
 * PROBLEM_CATALOGUE["total-mismatch"].severity //=> "error"
 */
export const PROBLEM_CATALOGUE = {
  "no-header-row": {
    severity: "error",
    title: "No header row in the first 30 rows",
    hint: "Add a row of column headings (job title, FTE or hours, grade …) above the posts, or name the right sheet.",
  },
  "missing-column": {
    severity: "error",
    title: "A column the costing needs is not there",
    hint: "Add the column with a heading the reader knows (see the list in the message), or rename the heading.",
  },
  "blank-required-cell": {
    severity: "error",
    title: "A cell the costing needs is blank",
    hint: "Fill the cell; a blank is read as unknown, never as zero (write 0 or - for nil).",
  },
  "not-a-number": {
    severity: "error",
    title: "Text where a number belongs",
    hint: "Write the figure as a number (1,154,200, £520,800, (1.50) and .81 are all understood).",
  },
  "not-a-date": {
    severity: "error",
    title: "Text where a date belongs",
    hint: "Write the date as a date cell or as 01/09/2012.",
  },
  "fte-out-of-range": {
    severity: "error",
    title: "FTE or hours outside what one post can hold",
    hint: "One post is between 0 and 1.0 FTE: split a shared row into posts, or correct the figure.",
  },
  "amount-out-of-range": {
    severity: "error",
    title: "An amount of money too large to be a post's",
    hint: "Check the cell: a salary or cost above £1 billion is a misreading (a phone number, a total, a date).",
  },
  "hours-fte-mismatch": {
    severity: "warning",
    title: "Hours and FTE disagree",
    hint: "Check the standard week (--standard-hours) or correct the hours or the FTE.",
  },
  "fte-in-count-column": {
    severity: "warning",
    title: "A count of posts holds FTE",
    hint: "Head the column FTE if it holds FTE, or give the FTE in its own column.",
  },
  "duplicate-post-number": {
    severity: "error",
    title: "The same post number on more than one row",
    hint: "Each post number belongs to one post: correct the number or merge the rows.",
  },
  "post-number-format": {
    severity: "warning",
    title: "A post number with spaces, a placeholder or stray characters",
    hint: "Write each post number once, without spaces; replace tbc with the number when HR has it.",
  },
  "count-in-title": {
    severity: "warning",
    title: "A count inside a job title",
    hint: "Give one row per post (or the FTE in its column) instead of 'x 4' in the title.",
  },
  "leaver-row": {
    severity: "info",
    title: "A leaver (struck through or marked *)",
    hint: "Leavers are not counted in the establishment; their post counts as a vacancy unless it is deleted.",
  },
  "vacant-with-post-holder": {
    severity: "warning",
    title: "A post marked vacant that names a post-holder",
    hint: "Either clear the name or the vacant mark.",
  },
  "total-row": {
    severity: "info",
    title: "A total or subtotal row, recognised and not read as a post",
    hint: "Nothing to do: the total is checked against the rows it sums.",
  },
  "footer-row": {
    severity: "info",
    title: "A line below the table's total, not read as a post",
    hint: "Nothing to do: figures such as a budget below a table are not posts.",
  },
  "total-mismatch": {
    severity: "error",
    title: "A stated total that does not equal its rows",
    hint: "Correct the total or the rows; a difference within the rounding of the rows is shown as info.",
  },
  "summary-mismatch": {
    severity: "warning",
    title: "A summary that disagrees with the rows it describes",
    hint: "Check the summary against the staff listed above it; add vacancy rows for vacant FTE.",
  },
  "unknown-grade": {
    severity: "error",
    title: "A grade that is not in the grades table",
    hint: "Add the grade to the grades table or correct the grade.",
  },
  "missing-grade": {
    severity: "warning",
    title: "A post to be costed with no grade",
    hint: "Give the post's grade (or SCP, or salary) so that it can be costed.",
  },
  "grade-not-costable": {
    severity: "warning",
    title: "A grade with no SCP range, salary or cost per FTE",
    hint: "Give the grade's spinal points, salary or full cost per FTE in the grades table.",
  },
  "duplicate-grade": {
    severity: "error",
    title: "The same grade on two rows of the grades table",
    hint: "Keep one row per grade.",
  },
  "scp-outside-grade": {
    severity: "error",
    title: "An SCP outside its grade's range",
    hint: "Correct the SCP or the grade.",
  },
  "unknown-scp": {
    severity: "error",
    title: "An SCP that is not on the pay spine",
    hint: "Check the point, or give a local pay scale for points off the national spine.",
  },
  "person-over-one-fte": {
    severity: "warning",
    title: "One person across rows adds up to more than 1.0 FTE",
    hint: "Check whether these are two people with the same name, or correct the FTE.",
  },
  "formula-error": {
    severity: "error",
    title: "An error value in a cell",
    hint: "Fix the formula (or paste values) so the cell holds a figure.",
  },
  "inconsistent-title": {
    severity: "warning",
    title: "One job title written in different ways",
    hint: "Write the title the same way everywhere, or add it to the title map.",
  },
  "allowance-line": {
    severity: "info",
    title: "A cost with no FTE (an allowance or enhancement), carried as it is",
    hint: "Nothing to do: the cost is added as it is and never divided by FTE.",
  },
  "empty-post-row": {
    severity: "warning",
    title: "A job title with no FTE, hours or cost on any side",
    hint: "Remove a withdrawn role, or give its FTE.",
  },
  "post-number-reused": {
    severity: "warning",
    title: "A post number in both sheets with a different title or grade",
    hint: "Confirm it is the same post; post numbers are sometimes reused for different jobs.",
  },
  "not-costed": {
    severity: "warning",
    title: "A line that could not be costed",
    hint: "Give the line's grade (in the grades table), SCP or salary; its cost is left out of the totals.",
  },
} as const satisfies Record<string, ProblemKind>;

/** A stable kebab-case problem code from {@link PROBLEM_CATALOGUE}. */
export type ProblemCode = keyof typeof PROBLEM_CATALOGUE;
