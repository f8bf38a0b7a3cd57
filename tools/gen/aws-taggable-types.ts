/**
 * The AWS resource types `aws:defaultTags` reaches, read from the installed @pulumi/aws: every resource class whose
 * state has `tagsAll` (the provider merges its default tags into it). `npx tsx tools/gen/aws-taggable-types.ts`
 * writes components/facts/data/aws-taggable-types.json; a test compares it with the installed package.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** Where the list is written, relative to the project root. */
export const TAGGABLE_TYPES_FILE = path.join("components", "facts", "data", "aws-taggable-types.json");

const TYPE_TOKEN = /static __pulumiType = '(aws:[^']+)'/;
const HAS_TAGS_ALL = /resourceInputs\["tagsAll"\] = undefined/;

/** The taggable type tokens of the @pulumi/aws package at `packageDir`, sorted. */
export function taggableAwsTypes(packageDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && entry.name !== "types") walk(full);
      } else if (entry.name.endsWith(".js")) {
        const text = fs.readFileSync(full, "utf8");
        const token = TYPE_TOKEN.exec(text)?.[1];
        if (token && HAS_TAGS_ALL.test(text)) found.push(token);
      }
    }
  };
  walk(packageDir);
  return [...new Set(found)].sort();
}

/** The data file's content for the package at `packageDir`. */
export function renderTaggableTypes(packageDir: string): Record<string, unknown> {
  const version = (JSON.parse(fs.readFileSync(path.join(packageDir, "package.json"), "utf8")) as { version: string }).version;
  return {
    source: {
      package: `@pulumi/aws ${version}`,
      rule: "resource classes whose state has tagsAll: the provider merges aws:defaultTags into them (the resource's own tags win on a shared key); instances and volumes launched from a launch template get only its tagSpecifications",
      generatedBy: "npx tsx tools/gen/aws-taggable-types.ts",
    },
    types: taggableAwsTypes(packageDir),
  };
}

if (require.main === module) {
  const root = path.resolve(__dirname, "../..");
  const out = path.join(root, TAGGABLE_TYPES_FILE);
  fs.writeFileSync(out, `${JSON.stringify(renderTaggableTypes(path.join(root, "node_modules", "@pulumi", "aws")), null, 1)}\n`);
  console.log(`wrote ${TAGGABLE_TYPES_FILE}`);
}
