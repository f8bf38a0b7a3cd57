// Lint: typescript-eslint's type-checked rules (no `any`, no unsafe use of it), STYLE.md §8.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const FOLDERS = "core|facts|kubelet|userdata|network|control-plane|worker-pool|addons|tenants|autoscaling|patching";
const TOOL_FOLDERS = "plan|review|bench|gen";
const restrict = (files, patterns) => ({
  files,
  rules: { "no-restricted-imports": ["error", { patterns: patterns.map(([regex, message]) => ({ regex, message })) }] },
});
function houseRules() {
  const viaIndex = "import the folder's index (e.g. \"../kubelet\"), not a file inside it";
  return [
    restrict(["components/*/**/*.ts"], [[`^\\.\\./(${FOLDERS})/`, viaIndex], ["^\\.\\./\\.\\./", "components/ never imports infra/, tools/ or policies/"]]),
    restrict(["components/index.ts"], [[`^\\./(${FOLDERS})/`, viaIndex]]),
    restrict(["infra/**/*.ts", "policies/**/*.ts", "tools/**/*.ts"], [[`components/(${FOLDERS})/`, viaIndex], [`tools/(${TOOL_FOLDERS})/`, viaIndex]]),
    restrict(["tools/*/**/*.ts"], [[`^\\.\\./(${TOOL_FOLDERS})/`, viaIndex], [`components/(${FOLDERS})/`, viaIndex]]),
    // Tests may read shipped data files directly (they test the data); everything else through indexes.
    restrict(["test/**/*.ts"], [[`components/(?!facts/data/)(${FOLDERS})/`, viaIndex], [`tools/(${TOOL_FOLDERS})/`, viaIndex]]),
  ];
}

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "examples/", "bench/", "coverage/", "test/fixtures/", "tools/*.cjs", "policies/node_modules/", "*.config.js", "eslint.config.mjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // The house (SPEC §12): code outside a folder imports only that folder's index.ts.
  ...houseRules(),
  {
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-unsafe-assignment": "off", "@typescript-eslint/no-unsafe-member-access": "off" },
  },
);
