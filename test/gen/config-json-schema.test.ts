import * as fs from "node:fs";
import * as path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import * as YAML from "yaml";
import { SCHEMA_FILE, renderStackFileSchema } from "../../tools/gen";

const ROOT = path.resolve(__dirname, "../..");

describe("the stack config JSON Schema", () => {
  const committed = JSON.parse(fs.readFileSync(path.join(ROOT, SCHEMA_FILE), "utf8")) as Record<string, unknown>;

  it("is the committed file, regenerated (run `npm run schema` after changing infra/config-schema.ts)", () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(renderStackFileSchema())));
  });

  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(committed);

  it("accepts Pulumi.dev.yaml", () => {
    const ok = validate(YAML.parse(fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8")));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("refuses a misspelt key and a wrong enum value where an editor would underline them", () => {
    const doc = YAML.parse(fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, Record<string, unknown>[]> };
    doc.config["workerpools:pools"][0].layuot = "spread";
    doc.config["workerpools:pools"][1].capacityType = "SPOTTY";
    expect(validate(doc)).toBe(false);
    const paths = (validate.errors ?? []).map((e) => e.instancePath);
    expect(paths).toEqual(expect.arrayContaining(["/config/workerpools:pools/0", "/config/workerpools:pools/1/capacityType"]));
  });
});
