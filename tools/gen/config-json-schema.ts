/**
 * The JSON Schema of `Pulumi.<stack>.yaml` for editors (YAML language servers), generated from the zod
 * schema so the two cannot drift: `npm run schema` writes `schema/stack-config.schema.json`; a test
 * compares the committed file with a fresh render.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { NAMESPACE } from "../../infra/config";
import { stackConfigSchema } from "../../infra/config-schema";

/** Where the schema is written, relative to the project root. */
export const SCHEMA_FILE = path.join("schema", "stack-config.schema.json");

/** The whole stack file: the `workerpools:*` keys plus any other provider's config. */
export function renderStackFileSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(stackConfigSchema.shape)) {
    properties[`${NAMESPACE}:${key}`] = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
  }
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "eks-workerpools stack configuration (Pulumi.<stack>.yaml)",
    type: "object",
    properties: {
      config: {
        type: "object",
        properties,
        required: [`${NAMESPACE}:cluster`, `${NAMESPACE}:pools`],
        additionalProperties: true,
      },
    },
  };
}

if (require.main === module) {
  const out = path.resolve(__dirname, "../..", SCHEMA_FILE);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(renderStackFileSchema(), null, 2)}\n`);
  console.log(`wrote ${SCHEMA_FILE}`);
}
