/**
 * The costing engine: pure TypeScript with no host. Adapters (custom functions, CLI, task pane)
 * import from here only.
 */
export type { TableUsed, SourceRef } from "./data/SourceRef";
export { TEACHERS_PENSION_RATES } from "./data/teachersPensionRates";
export { CostingError, type CostingErrorKind } from "./errors/CostingError";
export { formatPounds } from "./money/formatPounds";
export { type Pence, penceToPounds, poundsToPence } from "./money/pence";
export { type Ratio, ratio, ratioFromNumber, ratioToNumber, ONE_RATIO, ZERO_RATIO } from "./money/Ratio";
export { applyRatio, MONEY_ROUNDING, NI_ROUNDING, type RoundingMode } from "./money/rounding";
export { type CalendarDate, compareDates, dateToSerial, parseIsoDate, serialToDate } from "./periods/excelDate";
export { parseYear, yearContaining, yearLabel, type YearKind } from "./periods/FinancialYear";
export { taxMonthStarts } from "./periods/taxMonthStarts";
export { gradeCostingPoint, parseCostingPoint, type CostingPoint } from "./pay/gradeCostingPoint";
export { type GradeRange, type GradeTable, normaliseGrade, parseGradeTable } from "./pay/GradeTable";
export { lookupScpSalary, payTableFor, type ScpSalary } from "./pay/lookupScpSalary";
export { LATEST_PAY_YEAR, NATIONAL_PAY_SPINE, PAY_SPINE_SOURCES } from "./pay/nationalPaySpine";
export { normaliseScp } from "./pay/normaliseScp";
export type { PayTable, SpinePoint, SpineStatus } from "./pay/PayTable";
export { type CellValue, parseLocalScale } from "./pay/parseLocalScale";
export { calculateEmployerNi, type EmployerNi, type NiMethod } from "./oncosts/calculateEmployerNi";
export { calculatePostCost, type PostCostBreakdown, type PostCostInput } from "./oncosts/calculatePostCost";
export { type NiCategory, parseNiCategory } from "./oncosts/NiCategory";
export { LATEST_TAX_YEAR, NI_SOURCES, NI_TABLES, niYear } from "./oncosts/niTables";
export type { LevyRule, NiPeriod, NiYear, Threshold } from "./oncosts/NiYear";
export { type PensionScheme, parsePensionScheme } from "./oncosts/PensionScheme";
export { type PensionRate, pensionRateForYear } from "./oncosts/pensionRateForYear";
export { calculateFteSaving } from "./fte/calculateFteSaving";
export { calculatePartYear, type PartYear } from "./fte/calculatePartYear";
export { fteFromHours, STANDARD_WEEKLY_HOURS } from "./fte/fteFromHours";
export type { EstablishmentRole, EstablishmentRow, EstablishmentSheet } from "./establishment/EstablishmentRow";
export { cellRef, columnLetter, columnOfRef } from "./establishment/cellRef";
export { findSheets, findTitleMapSheet, type SheetRoles } from "./establishment/findSheets";
export { matchHeader, type ColumnField, type HeaderMatch, type Side } from "./establishment/matchHeader";
export { gradeKey, parseGradeText, type GradeText, type ScpRange } from "./establishment/parseGradeText";
export { parseHrNumber, type HrNumber } from "./establishment/parseHrNumber";
export { parseJobTitle, type JobTitle } from "./establishment/parseJobTitle";
export { parsePostNumbers, type PostNumbers } from "./establishment/parsePostNumbers";
export { makeProblem, type Problem, type ProblemPlace } from "./establishment/Problem";
export { PROBLEM_CATALOGUE, type ProblemCode, type ProblemKind, type Severity } from "./establishment/problemCatalogue";
export {
  HEADER_SEARCH_ROWS,
  readEstablishmentSheet,
  type ReadSheetOptions,
  type SheetRead,
} from "./establishment/readEstablishmentSheet";
export {
  readGradesSheet,
  type GradeBook,
  type GradeEntry,
  type GradesRead,
  type MoneyRange,
} from "./establishment/readGradesSheet";
export {
  EXCEL_ERROR_VALUES,
  readCell,
  type GridCell,
  type GridInput,
  type GridRow,
  type ReadCell,
  type SheetGrid,
} from "./establishment/SheetGrid";
export { titleKey } from "./establishment/titleKey";
export { validateWorkbook, type ValidateOptions, type WorkbookValidation } from "./establishment/validateWorkbook";
export { readTitleMap, type TitleMapRead } from "./establishment/readTitleMap";
export {
  type Assumption,
  type BuildStamp,
  buildReduction,
  type ChangedPost,
  type ListedPost,
  type Reduction,
  type StaffImpact,
} from "./reduction/buildReduction";
export {
  buildReductionTable,
  FTE_SCALE,
  type ReductionRow,
  type ReductionTable,
} from "./reduction/buildReductionTable";
export {
  comparePosts,
  type MatchedBy,
  type PostChange,
  type PostStatus,
  type TitleMap,
} from "./reduction/comparePosts";
export { type CostBasis, type CostedPost, costPost } from "./reduction/costPost";
export { PostCoster } from "./reduction/PostCoster";
export { DEFAULT_REDUCTION_SETTINGS, type ReductionSettings } from "./reduction/ReductionSettings";
export { splitIntoPosts } from "./reduction/buildReduction";
