/** The sheets a validation run reads, by role; null when there is none. */
export interface SheetRoles {
  readonly current: string | null;
  readonly proposed: string | null;
  readonly grades: string | null;
}

// Sheet names seen in HR workbooks and named in issue 3 ("Current", "Existing structure",
// "Proposed", "New structure", "Grades", "Pay grades"…).
const PATTERNS: Readonly<Record<keyof SheetRoles, RegExp>> = {
  current: /\b(current|existing|present|old|as[\s-]?is|before|baseline)\b/i,
  proposed: /\b(proposed|new|future|to[\s-]?be|after|restructure[d]?)\b/i,
  grades: /\b(grades?|bands?|pay[\s-]?scales?|salary[\s-]?scales?|pay[\s-]?spine|pay[\s-]?grades?|scales?)\b/i,
};

/**
 * Finds the current, proposed and grades sheets by name when it is obvious: the first sheet whose
 * name says so, and only one role per sheet. A name the user gives wins over detection.
 *
 * @example
 * findSheets(["Existing structure", "New structure", "Pay grades"]) //=> { current: "Existing structure", proposed: "New structure", grades: "Pay grades" }
 */
export function findSheets(names: readonly string[], given: Partial<SheetRoles> = {}): SheetRoles {
  const taken = new Set<string>(
    [given.current, given.proposed, given.grades].filter((name): name is string => typeof name === "string"),
  );
  const pick = (role: keyof SheetRoles): string | null => {
    const chosen = given[role];
    if (chosen !== undefined && chosen !== null) return chosen;
    const found = names.find((name) => !taken.has(name) && PATTERNS[role].test(name.replace(/[_.]/g, " ")));
    if (found === undefined) return null;
    taken.add(found);
    return found;
  };
  // Grades first, so that "Current grades" is a grades sheet rather than the current establishment.
  const grades = pick("grades");
  const current = pick("current");
  const proposed = pick("proposed");
  return { current, proposed, grades };
}

// "Changes" (Barnet Appendix 2), "Title map" (Leicester §6.2); never the output's own "Post changes".
const TITLE_MAP_NAME = /title\s*map|mapping|crosswalk|^changes$/i;

/**
 * Finds the title-map sheet (current title → proposed title) by name, leaving out sheets already
 * taken by another role.
 *
 * @example
 * findTitleMapSheet(["Current", "Proposed", "Changes", "Post changes"]) //=> "Changes"
 */
export function findTitleMapSheet(names: readonly string[], taken: ReadonlySet<string> = new Set()): string | null {
  return names.find((name) => !taken.has(name) && TITLE_MAP_NAME.test(name.trim())) ?? null;
}
