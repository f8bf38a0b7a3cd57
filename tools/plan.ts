/**
 * `npm run plan [-- --stack NAME] [--json FILE]`: the offline plan. Exit codes: 0 clean, 1 mandatory
 * policy violation, 2 invalid configuration (or an unreadable stack file).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { PlanDocument } from "./plan-document";
import { renderCounts, renderIssues, renderStandIns, renderTree } from "./plan-print";
import { renderPools, summarizePools } from "./plan-pools";
import { renderAddons, summarizeAddons } from "./plan-addons";
import { readStackFile, runPlan } from "./plan-run";

export const EXIT = { clean: 0, policyViolation: 1, invalidConfig: 2 } as const;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      stack: { type: "string", default: "dev" },
      json: { type: "string" },
      "project-root": { type: "string", default: path.resolve(__dirname, "..") },
    },
    strict: true,
  });
  const root = values["project-root"];
  const file = readStackFile(root, values.stack);
  const run = await runPlan(file);
  if (!run.ok) {
    console.error(renderIssues(`Stack "${file.stack}": invalid configuration (nothing was planned):`, run.errors));
    if (run.warnings.length > 0) console.error(renderIssues("Warnings:", run.warnings));
    return EXIT.invalidConfig;
  }
  console.log(`Offline plan of stack "${file.stack}" (project ${file.project}, ${file.region}): Pulumi mock runtime, no AWS calls\n`);
  console.log(renderTree(run.resources));
  console.log(`\n${renderCounts(run.resources)}\n`);
  const pools = summarizePools(run.config);
  console.log(`${renderPools(pools)}\n`);
  const addons = summarizeAddons(run.resources);
  console.log(`${renderAddons(addons)}\n`);
  if (run.warnings.length > 0) console.log(`${renderIssues("Warnings:", run.warnings)}\n`);
  console.log(renderStandIns(run.standIns));
  if (values.json) {
    const doc: PlanDocument = { stack: file.stack, resources: run.resources, pools, addons, policyResults: [], rollout: null, warnings: run.warnings, standIns: run.standIns };
    fs.writeFileSync(values.json, `${JSON.stringify(doc, null, 2)}\n`);
    console.log(`\nWrote ${values.json}`);
  }
  return EXIT.clean;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`plan: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(EXIT.invalidConfig);
  },
);
