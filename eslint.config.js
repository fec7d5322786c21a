// ESLint for the map page's modules (verkosto/web) and their unit tests (tests/js).
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["verkosto/web/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      // vis-network's bundle, inlined before the page's script, defines `vis`.
      globals: { ...globals.browser, vis: "readonly" },
    },
    rules: {
      "no-unused-vars": ["error", { args: "after-used" }],
      "prefer-const": "error",
      "no-var": "error",
      eqeqeq: "error",
      // Roster text is untrusted: it must reach the page as text, never as HTML.
      "no-restricted-properties": [
        "error",
        { property: "innerHTML", message: "Build elements with h() from dom.js; roster text stays text." },
        { property: "outerHTML", message: "Build elements with h() from dom.js; roster text stays text." },
        { property: "insertAdjacentHTML", message: "Build elements with h() from dom.js; roster text stays text." },
      ],
      "no-restricted-syntax": [
        "error",
        { selector: "ExportDefaultDeclaration", message: "verkosto/bundle.py inlines named exports only." },
        { selector: "ExportAllDeclaration", message: "verkosto/bundle.py inlines named exports only." },
        { selector: "ImportNamespaceSpecifier", message: "verkosto/bundle.py inlines named imports only." },
        { selector: "ImportDefaultSpecifier", message: "verkosto/bundle.py inlines named imports only." },
        { selector: "ImportExpression", message: "The page is one file: no dynamic import." },
      ],
    },
  },
  {
    files: ["tests/js/**/*.js", "eslint.config.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node } },
  },
];
