// The pane for this release lists the custom functions with the help Excel shows for them (read
// from the generated functions.json, so it never drifts from the functions themselves). Validation
// and the reduction table arrive with the task pane work. Text is set with textContent only.

interface FunctionMetadata {
  name: string;
  description?: string;
  parameters: { name: string; optional?: boolean }[];
}

function renderFunctions(list: HTMLElement, functions: readonly FunctionMetadata[]): void {
  for (const fn of functions) {
    const term = document.createElement("dt");
    const args = fn.parameters.map((p) => (p.optional === true ? `[${p.name}]` : p.name)).join(", ");
    term.textContent = `=${fn.name}(${args})`;
    const detail = document.createElement("dd");
    detail.textContent = fn.description ?? "";
    list.append(term, detail);
  }
}

async function loadFunctions(): Promise<FunctionMetadata[]> {
  const response = await fetch("functions.json");
  if (!response.ok) throw new Error(`functions.json answered ${String(response.status)}`);
  const metadata = (await response.json()) as { functions: FunctionMetadata[] };
  return metadata.functions;
}

void Office.onReady(async (info) => {
  const status = document.getElementById("status");
  const list = document.getElementById("functions");
  const ready =
    info.host === Office.HostType.Excel
      ? "The functions are ready: type =ONCOST( in a cell to start."
      : "Open this add-in in Excel to use the functions.";
  try {
    if (list) renderFunctions(list, await loadFunctions());
    if (status) status.textContent = ready;
  } catch (error: unknown) {
    if (status) {
      status.textContent = `The function list could not be loaded (${error instanceof Error ? error.message : String(error)}). The functions still work; reload the pane to try again.`;
    }
  }
});
