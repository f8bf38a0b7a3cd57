/** The one list of Pulumi type tokens (components/core/resource-types.ts) against its constants and the shipped data. */
import * as fs from "fs";
import * as path from "path";
import * as tokens from "../../components/core";
import { INVOKE_TOKENS, RESOURCE_TYPES } from "../../components/core";
import { isTaggableAwsType } from "../../components/facts";

const constants = (suffix: string): string[] =>
  Object.entries(tokens).filter(([name, v]) => name.endsWith(suffix) && typeof v === "string").map(([, v]) => v as string);

describe("resource type tokens", () => {
  it("RESOURCE_TYPES holds every *_TYPE constant once, INVOKE_TOKENS every *_FN constant once", () => {
    expect([...RESOURCE_TYPES].sort()).toEqual(constants("_TYPE").sort());
    expect(new Set(RESOURCE_TYPES).size).toBe(RESOURCE_TYPES.length);
    expect([...INVOKE_TOKENS].sort()).toEqual(constants("_FN").sort());
  });

  it("each token is package:module:Name", () => {
    for (const t of [...RESOURCE_TYPES, ...INVOKE_TOKENS]) expect(t).toMatch(/^(aws|kubernetes|eks|pulumi|workerpools):[A-Za-z0-9./_-]+:[A-Za-z0-9]+$/);
  });

  it("every type of the golden dev plan has a constant", () => {
    const plan = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "golden", "dev-plan", "plan.json"), "utf8")) as { resources: { type: string }[] };
    const known = new Set<string>(RESOURCE_TYPES);
    expect(plan.resources.map((r) => r.type).filter((t) => !known.has(t))).toEqual([]);
  });

  it("the AWS types the platform creates are taggable in the shipped list, but for the tags, rules and attachments themselves", () => {
    const untaggable = RESOURCE_TYPES.filter((t) => t.startsWith("aws:") && !isTaggableAwsType(t));
    expect(untaggable.sort()).toEqual([
      tokens.ACCESS_POLICY_ASSOCIATION_TYPE, tokens.AUTOSCALING_TAG_TYPE, tokens.EVENT_TARGET_TYPE, tokens.EC2_TAG_TYPE,
      tokens.ROUTE_TABLE_ASSOCIATION_TYPE, tokens.SECURITY_GROUP_RULE_TYPE, tokens.VPC_CIDR_ASSOCIATION_TYPE,
      tokens.ROLE_POLICY_TYPE, tokens.ROLE_POLICY_ATTACHMENT_TYPE,
    ].sort());
  });
});
