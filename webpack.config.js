// Two builds from one source tree:
// - the add-in (web): task pane + custom functions in one shared-runtime page, with functions.json
//   generated from the functions' JSDoc by custom-functions-metadata-plugin; and the standalone
//   page (the same pane over an .xlsx opened in the browser with ExcelJS, the Leicester sample
//   served beside it);
// - the command line (node): dist/cli/estab.js, the `estab` bin.
// ts-loader type-checks, so a type error fails the build.
const path = require("node:path");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

const tsRule = {
  test: /\.ts$/,
  exclude: /node_modules/,
  use: { loader: "ts-loader", options: { configFile: path.resolve(__dirname, "tsconfig.json") } },
};

const resolve = { extensions: [".ts", ".js"] };

// ExcelJS in the browser: its own prebuilt browser bundle without polyfills (the pages need an
// evergreen browser anyway: Excel's WebView2/WKWebView or a current Chrome, Edge, Firefox or
// Safari). Its package.json "browser" field would pick exceljs.min.js, the same build plus ~85 KB of
// core-js polyfills. The file is already bundled (browserify: stream, buffer, JSZip, sax inside),
// so webpack includes it as it is without parsing it.
const EXCELJS_BROWSER = require.resolve("exceljs/dist/exceljs.bare.min.js");

/** @type {(env: unknown, argv: { mode?: string }) => import("webpack").Configuration[]} */
module.exports = (_env, argv) => {
  const mode = argv.mode === "development" ? "development" : "production";
  const addin = {
    name: "addin",
    mode,
    target: "web",
    devtool: mode === "development" ? "source-map" : false,
    entry: {
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/taskpane.ts",
      standalone: "./src/standalone/standalone.ts",
    },
    output: { path: path.resolve(__dirname, "dist/addin"), filename: "[name].js", clean: true },
    resolve: { ...resolve, alias: { exceljs$: EXCELJS_BROWSER } },
    module: { rules: [tsRule], noParse: [EXCELJS_BROWSER] },
    plugins: [
      new CustomFunctionsMetadataPlugin({ input: "./src/functions/functions.ts", output: "functions.json" }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["functions", "taskpane"],
      }),
      new HtmlWebpackPlugin({
        filename: "standalone.html",
        template: "./src/standalone/standalone.html",
        chunks: ["standalone"],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "manifest.xml", to: "manifest.xml" },
          { from: "src/taskpane/pane.css", to: "pane.css" },
          { from: "src/standalone/standalone.css", to: "standalone.css" },
          // The standalone page opens with this sample, fetched from its own server.
          { from: "samples/leicester-2013-14.xlsx", to: "samples/leicester-2013-14.xlsx" },
        ],
      }),
    ],
    performance: { hints: false },
  };
  const cli = {
    name: "cli",
    mode,
    target: "node20",
    devtool: false,
    entry: { estab: "./src/cli/estab.ts" },
    output: { path: path.resolve(__dirname, "dist/cli"), filename: "[name].js", clean: true },
    resolve,
    module: { rules: [tsRule] },
    externalsPresets: { node: true },
    // Packages stay in node_modules; only our own code is bundled.
    externals: [
      ({ request }, callback) =>
        /^[a-z@][^:]*$/i.test(request ?? "") && !request.startsWith(".")
          ? callback(null, `commonjs ${request}`)
          : callback(),
    ],
    optimization: { minimize: false },
    plugins: [new webpack.BannerPlugin({ banner: "#!/usr/bin/env node", raw: true })],
  };
  return [addin, cli];
};
