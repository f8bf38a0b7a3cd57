/**
 * The TSDoc a consumer's editor shows on `KubeletOptions` fields is the JSDoc of the catalog keys (the mapped type
 * carries it), and it must say what each row's `doc` says. Read with the TypeScript checker, as an editor does.
 */
import * as path from "node:path";
import * as ts from "typescript";
import { HARDENING_OVERRIDE_FIELDS, KUBELET_OPTION_NAMES, KUBELET_OPTION_ROWS } from "../../components/kubelet";

const FILE = path.resolve(__dirname, "../../components/kubelet/options.ts");
const program = ts.createProgram([FILE], {
  strict: true, noEmit: true, skipLibCheck: true, resolveJsonModule: true, esModuleInterop: true, types: [],
  module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, target: ts.ScriptTarget.ES2022,
});
const checker = program.getTypeChecker();

/** The properties of an exported type of options.ts, each with its TSDoc as written (`text @tag text`). */
function documented(typeName: string): Record<string, string> {
  const source = program.getSourceFile(FILE);
  const module = source && checker.getSymbolAtLocation(source);
  const symbol = module && checker.getExportsOfModule(module).find((s) => s.name === typeName);
  if (!symbol) throw new Error(`${typeName} is not exported from options.ts`);
  const docs: Record<string, string> = {};
  for (const prop of checker.getDeclaredTypeOfSymbol(symbol).getProperties()) {
    const tags = prop.getJsDocTags(checker).map((t) => `@${t.name} ${ts.displayPartsToString(t.text)}`);
    docs[prop.name] = [ts.displayPartsToString(prop.getDocumentationComment(checker)), ...tags].filter(Boolean).join(" ");
  }
  return docs;
}

describe("the catalog's docs", () => {
  it("reach KubeletOptions: each field's TSDoc is its row's doc", () => {
    const docs = documented("KubeletOptions");
    expect(Object.keys(docs)).toEqual([...KUBELET_OPTION_NAMES]);
    for (const name of KUBELET_OPTION_NAMES) expect([name, docs[name]]).toEqual([name, KUBELET_OPTION_ROWS[name].doc]);
  });

  it("reach HardeningOverride: every field documented", () => {
    const docs = documented("HardeningOverride");
    expect(Object.keys(docs)).toEqual(Object.keys(HARDENING_OVERRIDE_FIELDS));
    for (const doc of Object.values(docs)) expect(doc.length).toBeGreaterThan(10);
  });
});
