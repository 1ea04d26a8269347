// Lint rules, by layer. The core knows no host: it may not import Node, Office, the DOM or any
// adapter, nor use their globals or the console (DEVELOPERS.md "The core knows no host").
import js from "@eslint/js";
import jsdoc from "eslint-plugin-jsdoc";
import officeAddins from "eslint-plugin-office-addins";
import globals from "globals";
import tseslint from "typescript-eslint";

const officeAddinsRules = Object.fromEntries(
  officeAddins.configs.recommended
    .flatMap((config) => Object.entries(config.rules ?? {}))
    .filter(([rule]) => rule.startsWith("office-addins/")),
);

const hostGlobals = [
  "Office",
  "Excel",
  "CustomFunctions",
  "OfficeRuntime",
  "document",
  "window",
  "navigator",
  "fetch",
  "process",
  "console",
  "Buffer",
  "require",
].map((name) => ({ name, message: "src/core knows no host: pass what you need in from the adapter." }));

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/", "samples/", "scripts/", "bench/results*"] },
  js.configs.recommended,
  {
    files: ["**/*.ts"],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "no-throw-literal": "error",
    },
  },
  {
    files: ["src/**/*.ts"],
    plugins: { jsdoc },
    rules: {
      "no-console": "error",
      "jsdoc/require-jsdoc": [
        "error",
        {
          publicOnly: true,
          require: { FunctionDeclaration: true, ClassDeclaration: true },
          contexts: [
            "TSInterfaceDeclaration",
            "TSTypeAliasDeclaration",
            "ExportNamedDeclaration > VariableDeclaration",
          ],
        },
      ],
    },
  },
  {
    files: ["src/core/**/*.ts"],
    plugins: { jsdoc },
    rules: {
      "jsdoc/require-example": ["error", { exemptNoArguments: false }],
      "no-restricted-globals": ["error", ...hostGlobals],
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["node:*", "fs", "path", "os", "child_process", "util"],
              message: "src/core has no I/O: Node belongs in src/cli.",
            },
            {
              group: ["**/functions/**", "**/cli/**", "**/taskpane/**", "**/excel/**", "**/xlsx/**"],
              message: "src/core may not import an adapter.",
            },
            { group: ["exceljs", "office-*", "@microsoft/*"], message: "src/core knows no host library." },
          ],
        },
      ],
    },
  },
  {
    // Host code that calls Office.js. The plugin's "recommended" is a list of flat configs that
    // also bring prettier and base rules; only its office-addins/* rules are taken here.
    files: ["src/functions/**/*.ts", "src/taskpane/**/*.ts", "src/excel/**/*.ts"],
    plugins: { "office-addins": officeAddins },
    languageOptions: { globals: { ...globals.browser } },
    rules: officeAddinsRules,
  },
  {
    files: ["src/cli/**/*.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.object.name='process'][callee.property.name='exit']",
          message: "Return an exit code from runCli instead.",
        },
      ],
    },
  },
  {
    files: ["test/**/*.ts"],
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/unbound-method": "off",
      // Tests walk parsed XML and JSON whose shape they are asserting.
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
    },
  },
  {
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    languageOptions: { globals: { ...globals.node } },
  },
);
