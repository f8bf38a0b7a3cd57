/** Under Pulumi's mock runtime: a pool with a pull-through cache puts the inline policy on its node role, and its node group waits for it. */
import type { PlanResource } from "../../tools/plan";
import { cluster, namedIn, planWorkerPools, subnets } from "./wiring-fixtures";
import { IAM_ROLE_TYPE, NODE_GROUP_TYPE, ROLE_POLICY_TYPE } from "../../components/core";

const CACHE = { ecrAccountRegion: "111122223333.dkr.ecr.us-east-1", upstreams: ["public.ecr.aws"] };
let resources: PlanResource[] = [];

beforeAll(async () => {
  const base = { cluster, subnets, instanceTypes: ["m6i.large"] };
  resources = await planWorkerPools((WorkerPool) => {
    new WorkerPool("cached", { ...base, containerRuntime: { pullThroughCache: CACHE } });
    new WorkerPool("plain", base);
    new WorkerPool("owned", { ...base, nodeRoleArn: "arn:aws:iam::111122223333:role/nodes", containerRuntime: { pullThroughCache: CACHE } });
  });
});

describe("the pull-through cache's inline policy", () => {
  it("is on the role the pool creates, scoped to the namespace's repositories", () => {
    const p = namedIn(resources, ROLE_POLICY_TYPE, "cached-node-pull-through-cache");
    expect(p.propertyDependencies.role).toEqual([namedIn(resources, IAM_ROLE_TYPE, "cached-node").urn]);
    const doc = JSON.parse(String(p.inputs.policy)) as { Statement: { Action: string[]; Resource: string[] }[] };
    expect(doc.Statement).toEqual([expect.objectContaining({ Action: ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"], Resource: ["arn:aws:ecr:us-east-1:111122223333:repository/ecr-public/*"] })]);
  });

  it("makes the node group wait for it, like the attachments", () => {
    expect(namedIn(resources, NODE_GROUP_TYPE, "cached").propertyDependencies.nodeRoleArn).toContain(namedIn(resources, ROLE_POLICY_TYPE, "cached-node-pull-through-cache").urn);
  });

  it("is not made for a pool without a cache, nor with an existing role", () => {
    expect(resources.filter((r) => r.type === ROLE_POLICY_TYPE).map((r) => r.name)).toEqual(["cached-node-pull-through-cache"]);
  });
});
