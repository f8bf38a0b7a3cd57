/** The plan's AWS provider section and the review of provider setting changes (pure). */
import { PlanResource, SecretLeaf, providerSection, replaceSecureValues, retaggedResources, reviewProviderChanges, secretStandIn } from "../../tools/plan";
import { CLUSTER_TYPE, IAM_ROLE_TYPE, NODE_GROUP_TYPE, ROUTE_TABLE_ASSOCIATION_TYPE, VPC_TYPE } from "../../components/core";

const res = (type: string, name: string, inputs: Record<string, unknown> = {}): PlanResource => ({
  urn: `urn:pulumi:dev::p::${type}::${name}`, type, name, parent: "", dependencies: [], propertyDependencies: {}, ignoreChanges: [], inputs,
});
const RESOURCES = [
  res(VPC_TYPE, "vpc", { tags: { Name: "network" } }),
  res(NODE_GROUP_TYPE, "system", { tags: { "workerpools/pool": "system", owner: "pool-team" } }),
  res(IAM_ROLE_TYPE, "system-node", {}),
  res(ROUTE_TABLE_ASSOCIATION_TYPE, "private-a", {}),
  res(CLUSTER_TYPE, "cluster", { tags: {} }),
];

describe("providerSection", () => {
  it("keeps aws:* settings by name, redacts credentials and secure leaves, ignores other namespaces", () => {
    const s = providerSection({
      "aws:region": "us-east-1", "aws:defaultTags": { tags: { env: "dev", cost: "x" } }, "aws:secretKey": "plain-but-credential",
      "aws:profile": "ops", "workerpools:cluster": {},
    }, ["aws:defaultTags.tags.cost"]);
    expect(s).toEqual({ aws: { region: "us-east-1", defaultTags: { tags: { env: "dev", cost: "[secret]" } }, secretKey: "[secret]", profile: "ops" } });
  });
});

describe("reviewProviderChanges", () => {
  const base = { aws: { region: "us-east-1" } };
  it("a new default tag retags every taggable AWS resource whose own tags do not already set it, and rolls nothing", () => {
    const [change] = reviewProviderChanges(base, { aws: { region: "us-east-1", defaultTags: { tags: { owner: "platform" } } } }, RESOURCES);
    expect(change.setting).toBe("aws:defaultTags");
    expect(change.retagged).toEqual(["aws:ec2/vpc:Vpc vpc", "aws:iam/role:Role system-node"]);
    expect(change.effect).toMatch(/adds owner: an in-place tag update of 2 planned AWS resources .*eks:index:Cluster creates inside itself.*no node rolls/);
  });

  it("says nothing when the settings are the same, and names a region move as a replacement", () => {
    expect(reviewProviderChanges(base, base, RESOURCES)).toEqual([]);
    const [move] = reviewProviderChanges(base, { aws: { region: "eu-west-1" } }, RESOURCES);
    expect(move).toMatchObject({ setting: "aws:region", from: "us-east-1", to: "eu-west-1", retagged: [] });
    expect(move.effect).toMatch(/replacement of the whole platform/);
  });

  it("retaggedResources compares the merged tags (own tags win), so changing a default the resource overrides changes nothing", () => {
    expect(retaggedResources(RESOURCES, { owner: "a" }, { owner: "b" }).map((r) => r.name)).toEqual(["vpc", "system-node"]);
  });
});

describe("secure values", () => {
  it("become labelled stand-ins at the path the user wrote, an IAM role ARN where an admin principal is expected", () => {
    const found: SecretLeaf[] = [];
    const out = replaceSecureValues({ admins: [{ secure: "v1:a" }], labels: { team: { secure: "v1:b" } }, name: "x" }, "workerpools:cluster", found);
    expect(out).toEqual({ admins: [secretStandIn("workerpools:cluster.admins[0]")], labels: { team: "offline-stand-in" }, name: "x" });
    expect(found.map((f) => f.path)).toEqual(["workerpools:cluster.admins[0]", "workerpools:cluster.labels.team"]);
    expect(found.every((f) => f.standIn.includes("offline-stand-in"))).toBe(true);
    expect(secretStandIn("workerpools:cluster.admins[3]")).toBe("arn:aws:iam::123456789012:role/offline-stand-in");
  });

  it("a whole secure key is one stand-in; an object with other keys besides secure is not a secure value", () => {
    const found: SecretLeaf[] = [];
    expect(replaceSecureValues({ secure: "v1:c" }, "aws:secretKey", found)).toBe("offline-stand-in");
    expect(replaceSecureValues({ secure: "v1:c", other: 1 }, "workerpools:x", found)).toEqual({ secure: "v1:c", other: 1 });
    expect(found).toHaveLength(1);
  });
});
