/** The node role's inline policy for the ECR pull-through cache: the pure document, and the warning with an existing role. */
import {
  WorkerPoolArgs, planNodeRole, pullThroughCachePolicy, pullThroughCacheRepositoryArns, resolveWorkerPoolArgs, validateWorkerPool,
} from "../../components/worker-pool";

const AT = "workerpools:pools[0]";
const cluster = { name: "c", endpoint: "", certificateAuthority: "", serviceCidr: "", kubernetesVersion: "1.35" };
const subnets = ["a", "b"].map((az) => ({ id: `subnet-${az}`, az }));
const pool = (over: Partial<WorkerPoolArgs> = {}) => resolveWorkerPoolArgs({ cluster, subnets, instanceTypes: ["m6i.large"], ...over });
const CACHE = { ecrAccountRegion: "111122223333.dkr.ecr.us-east-1", upstreams: ["docker.io", "registry.k8s.io"] };

describe("pullThroughCachePolicy", () => {
  it("allows BatchImportUpstreamImage and CreateRepository on each upstream namespace's repositories, and nothing else", () => {
    expect(pullThroughCachePolicy({ pullThroughCache: CACHE })).toEqual({
      Version: "2012-10-17",
      Statement: [{
        Sid: "EcrPullThroughCacheFill", Effect: "Allow", Action: ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"],
        Resource: ["arn:aws:ecr:us-east-1:111122223333:repository/docker-hub/*", "arn:aws:ecr:us-east-1:111122223333:repository/kubernetes/*"],
      }],
    });
  });

  it.each([
    ["111122223333.dkr.ecr.cn-north-1", "arn:aws-cn:ecr:cn-north-1:111122223333:repository/quay/*"],
    ["111122223333.dkr.ecr.us-gov-west-1", "arn:aws-us-gov:ecr:us-gov-west-1:111122223333:repository/quay/*"],
  ])("names the partition of %s", (ecrAccountRegion, arn) => {
    expect(pullThroughCacheRepositoryArns({ ecrAccountRegion, upstreams: ["quay.io"] })).toEqual([arn]);
  });

  it("is none without a cache or with a malformed registry (validation refuses that one)", () => {
    expect(pullThroughCachePolicy({})).toBeUndefined();
    expect(pullThroughCachePolicy({ pullThroughCache: { ecrAccountRegion: "nope", upstreams: ["quay.io"] } })).toBeUndefined();
  });
});

describe("the pool's node role", () => {
  it("a role the pool creates carries the inline policy", () => {
    const plan = planNodeRole(pool({ containerRuntime: { pullThroughCache: CACHE } }));
    expect(plan.kind === "created" && plan.pullThroughCachePolicy?.Statement[0].Resource).toHaveLength(2);
    const none = planNodeRole(pool());
    expect(none.kind === "created" && none.pullThroughCachePolicy).toBeUndefined();
  });

  it("an existing role is warned, at nodeRoleArn, naming the actions and repositories", () => {
    const issues = validateWorkerPool(pool({ nodeRoleArn: "arn:aws:iam::111122223333:role/nodes", containerRuntime: { pullThroughCache: CACHE } }), AT);
    const w = issues.filter((i) => i.path === `${AT}.nodeRoleArn`);
    expect(w).toEqual([expect.objectContaining({ severity: "warning" })]);
    expect(w[0].message).toMatch(/ecr:BatchImportUpstreamImage and ecr:CreateRepository on arn:aws:ecr:us-east-1:111122223333:repository\/docker-hub\/\*, .*kubernetes\/\*/);
    expect(validateWorkerPool(pool({ nodeRoleArn: "arn:aws:iam::111122223333:role/nodes" }), AT).some((i) => i.path === `${AT}.nodeRoleArn`)).toBe(false);
  });
});
