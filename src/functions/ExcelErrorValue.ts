import { CostingError, type CostingErrorKind } from "../core";

/** The Excel errors our functions return. Only `#VALUE!` and `#N/A` show their message in Excel. */
export type ExcelErrorCode = "#VALUE!" | "#N/A" | "#NUM!";

const CODE_BY_KIND: Readonly<Record<CostingErrorKind, ExcelErrorCode>> = {
  "invalid-value": "#VALUE!",
  "not-available": "#N/A",
  "invalid-number": "#NUM!",
};

/**
 * An Excel error as a value, for hosts without Excel (the CLI's `estab fn`, tests). Inside Excel the
 * same error is raised as a `CustomFunctions.Error`.
 *
 * @example
 * new ExcelErrorValue("#N/A", "SCP 33 in 2025/26 is unknown …").toString() //=> "#N/A SCP 33 in 2025/26 is unknown …"
 */
export class ExcelErrorValue extends Error {
  readonly code: ExcelErrorCode;

  constructor(code: ExcelErrorCode, message: string) {
    super(message);
    this.name = "ExcelErrorValue";
    this.code = code;
  }

  override toString(): string {
    return `${this.code} ${this.message}`;
  }
}

const EXCEL_ERROR_CODE: Readonly<Record<ExcelErrorCode, CustomFunctions.ErrorCode | undefined>> =
  typeof CustomFunctions === "undefined" || typeof CustomFunctions.ErrorCode === "undefined"
    ? { "#VALUE!": undefined, "#N/A": undefined, "#NUM!": undefined }
    : {
        "#VALUE!": CustomFunctions.ErrorCode.invalidValue,
        "#N/A": CustomFunctions.ErrorCode.notAvailable,
        "#NUM!": CustomFunctions.ErrorCode.invalidNumber,
      };

/**
 * Turns anything thrown while evaluating a function into the error Excel should show: a
 * {@link CostingError} by its kind, anything else as `#VALUE!` naming the fault. Inside Excel the
 * result is a `CustomFunctions.Error`; elsewhere an {@link ExcelErrorValue}.
 *
 * @example
 * toExcelError(new CostingError("invalid-number", "write 19.5% or 0.195")) // ExcelErrorValue #NUM!
 */
export function toExcelError(error: unknown): Error {
  const code = error instanceof CostingError ? CODE_BY_KIND[error.kind] : "#VALUE!";
  const message =
    error instanceof CostingError
      ? error.message
      : `Unexpected fault in the add-in (${error instanceof Error ? error.message : String(error)}); please report it.`;
  const excelCode = EXCEL_ERROR_CODE[code];
  if (excelCode !== undefined && typeof CustomFunctions.Error === "function") {
    return new CustomFunctions.Error(excelCode, message) as unknown as Error;
  }
  return new ExcelErrorValue(code, message);
}

/**
 * Runs a function body and raises any failure as an Excel error, so no function ever throws
 * anything else or returns NaN or Infinity.
 *
 * @example
 * excelCall(() => 1 / 0) // throws #NUM! "The result is not a finite number …"
 */
export function excelCall(body: () => number): number {
  let result: number;
  try {
    result = body();
  } catch (error: unknown) {
    throw toExcelError(error);
  }
  if (!Number.isFinite(result)) {
    throw toExcelError(new CostingError("invalid-number", "The result is not a finite number: check the arguments."));
  }
  return result;
}
