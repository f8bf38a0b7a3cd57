/** The AWS types `aws:defaultTags` reaches (shipped data, regenerated from the installed @pulumi/aws), and AWS's tag rules. */
import * as fs from "node:fs";
import * as path from "node:path";
import { AWS_TAGGABLE_TYPES_SOURCE, MAX_TAGS_PER_RESOURCE, isTaggableAwsType, validateAwsTags } from "../../components/facts";
import { TAGGABLE_TYPES_FILE, renderTaggableTypes } from "../../tools/gen";
import { AUTOSCALING_TAG_TYPE, CLUSTER_TYPE, IAM_ROLE_TYPE, LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE, ROLE_POLICY_ATTACHMENT_TYPE, ROUTE_TABLE_ASSOCIATION_TYPE, STORAGE_CLASS_TYPE, VPC_TYPE } from "../../components/core";

const ROOT = path.resolve(__dirname, "../..");

describe("AWS taggable types", () => {
  it("is the committed file, regenerated from the installed @pulumi/aws (npx tsx tools/gen/aws-taggable-types.ts)", () => {
    const committed: unknown = JSON.parse(fs.readFileSync(path.join(ROOT, TAGGABLE_TYPES_FILE), "utf8"));
    expect(committed).toEqual(renderTaggableTypes(path.join(ROOT, "node_modules", "@pulumi", "aws")));
    expect(AWS_TAGGABLE_TYPES_SOURCE).toMatch(/^@pulumi\/aws \d+\.\d+\.\d+$/);
  });

  it.each([
    [VPC_TYPE, true], [NODE_GROUP_TYPE, true], [IAM_ROLE_TYPE, true], [LAUNCH_TEMPLATE_TYPE, true],
    [ROUTE_TABLE_ASSOCIATION_TYPE, false], [ROLE_POLICY_ATTACHMENT_TYPE, false],
    [AUTOSCALING_TAG_TYPE, false], [CLUSTER_TYPE, false], [STORAGE_CLASS_TYPE, false],
  ])("%s taggable: %s", (type, taggable) => {
    expect(isTaggableAwsType(type)).toBe(taggable);
  });
});

describe("AWS tag rules", () => {
  it("accepts keys and values of the allowed characters, spaces and Unicode letters included, and empty values", () => {
    expect(validateAwsTags({ "cost-center": "42", Team: "Plattform Überblick", "k8s.io/x": "", "a_b:c/d=e+f@g": "v" }, "t")).toEqual([]);
  });

  it.each([
    ["an aws: key, any case", { "AWS:owner": "x" }, "t.AWS:owner", /starts with "aws:"/],
    ["an aws: value", { owner: "aws:me" }, "t.owner", /value "aws:me" starts with "aws:"/],
    ["a key over 128 characters", { ["k".repeat(129)]: "v" }, `t.${"k".repeat(129)}`, /at most 128 characters; .* has 129/],
    ["a value over 256 characters", { k: "v".repeat(257) }, "t.k", /values of at most 256 characters; got 257/],
    ["a character no service accepts everywhere", { "team!": "x" }, "t.team!", /has characters AWS does not accept/],
    ["an empty key", { "": "x" }, "t.", /cannot be empty/],
  ])("refuses %s at the key", (_, tags, path, message) => {
    const issues = validateAwsTags(tags, "t");
    expect(issues.map((i) => i.path)).toContain(path);
    expect(issues.map((i) => i.message).join("\n")).toMatch(message);
  });

  it("counts code points, not UTF-16 units (a 128-emoji key is allowed)", () => {
    expect(validateAwsTags({ ["😀".repeat(128)]: "v" }, "t").filter((i) => i.message.includes("characters;"))).toEqual([]);
  });

  it("counts the tags carried besides these against the 50-tag limit, at the map", () => {
    const tags = Object.fromEntries(Array.from({ length: 48 }, (_, i) => [`k${i}`, "v"]));
    expect(validateAwsTags(tags, "t", ["a", "b"])).toEqual([]);
    expect(validateAwsTags(tags, "t", ["a", "b", "c"])).toEqual([{ path: "t", message: expect.stringMatching(/allows 50 tags per resource; these resources would carry 51 \(48 here, 3 more: a, b, c\)/) }]);
    expect(MAX_TAGS_PER_RESOURCE).toBe(50);
  });
});
