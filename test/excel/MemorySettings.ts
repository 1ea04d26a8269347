import type { SaveResult, SettingsStore } from "../../src/excel/workbookSettings";

/** An in-memory `Office.context.document.settings`. */
export class MemorySettings implements SettingsStore {
  readonly values = new Map<string, unknown>();
  saved: Map<string, unknown> | null = null;
  failSave = false;

  get(name: string): unknown {
    return this.values.has(name) ? this.values.get(name) : null;
  }

  set(name: string, value: unknown): void {
    this.values.set(name, value);
  }

  saveAsync(callback: (result: SaveResult) => void): void {
    if (this.failSave) {
      setTimeout(() => callback({ status: "failed", error: { message: "The document is read-only." } }), 0);
      return;
    }
    this.saved = new Map(this.values);
    setTimeout(() => callback({ status: "succeeded" }), 0);
  }
}
