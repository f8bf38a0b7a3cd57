/** The plan's tags section, pure: absent without stack or default tags, the provider's merge, and a resource that forgets the stack tags. */
import { PlanResource, tagsSection } from "../../tools/plan";
import { CLUSTER_TYPE, EIP_TYPE, LAUNCH_TEMPLATE_TYPE, ROLE_POLICY_ATTACHMENT_TYPE, VPC_TYPE } from "../../components/core";

const res = (type: string, name: string, inputs: Record<string, unknown>): PlanResource =>
  ({ urn: `urn:${type}::${name}`, type, name, parent: "", dependencies: [], propertyDependencies: {}, ignoreChanges: [], inputs });
const STACK = { team: "platform" };

describe("tagsSection", () => {
  it("is absent when the stack sets neither workerpools:tags nor aws:defaultTags", () => {
    expect(tagsSection({}, {}, [res(VPC_TYPE, "v", { tags: {} })])).toBeUndefined();
  });

  it("merges default tags under each taggable resource's own tags and skips resources that take none", () => {
    const t = tagsSection(STACK, { team: "d", owner: "o" }, [res(VPC_TYPE, "v", { tags: STACK }), res(ROLE_POLICY_ATTACHMENT_TYPE, "a", {})]);
    expect(t?.resources).toEqual([{ resource: "aws:ec2/vpc:Vpc v", tags: { team: "platform", owner: "o" } }]);
    expect(t?.most).toEqual({ resource: "aws:ec2/vpc:Vpc v", count: 2, limit: 50 });
  });

  it("lists a taggable resource that forgets the stack tags, and a launch template whose instances do", () => {
    const t = tagsSection(STACK, {}, [
      res(VPC_TYPE, "v", { tags: STACK }),
      res(EIP_TYPE, "forgot", {}),
      res(LAUNCH_TEMPLATE_TYPE, "lt", { tags: STACK, tagSpecifications: [{ resourceType: "instance", tags: {} }] }),
    ]);
    expect(t?.withoutStackTags).toEqual(["aws:ec2/eip:Eip forgot", "instances launched from aws:ec2/launchTemplate:LaunchTemplate lt"]);
  });

  it("shows what eks:index:Cluster tags inside itself: the cluster (over its Name and clusterTags), its role, each access entry", () => {
    const t = tagsSection(STACK, {}, [res(CLUSTER_TYPE, "cluster", { tags: STACK, clusterTags: { Name: "x", a: "b" }, accessEntries: { "admin-1": { tags: STACK } } })]);
    expect(t?.resources).toEqual([
      { resource: "aws:eks/cluster:Cluster cluster-eksCluster (inside eks:index:Cluster cluster)", tags: { Name: "x", a: "b", team: "platform" } },
      { resource: "aws:iam/role:Role cluster-eksRole (inside eks:index:Cluster cluster)", tags: STACK },
      { resource: "aws:eks/accessEntry:AccessEntry cluster-admin-1 (inside eks:index:Cluster cluster)", tags: STACK },
    ]);
  });
});
