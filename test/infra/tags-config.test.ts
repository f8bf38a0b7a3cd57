/**
 * `workerpools:tags`, `pools[].tags`, `pools[].nodeRole` and `pools[].rootVolume.kmsKeyArn` in stack config: passed on to
 * the components, and each problem reported once at the key the user wrote (a stack tag at `workerpools:tags`, not in
 * every pool), `aws:defaultTags` counted against the 50-tag limit, the volume key's region checked against `aws:region`.
 */
import { loadStackConfig } from "../../infra/config";
import { placeholderCluster, poolArgs } from "../../infra/component-args";

const NOW = new Date("2026-12-01T00:00:00Z");
const cluster = { name: "c", network: { vpcCidr: "10.40.0.0/16", availabilityZones: ["us-east-1a", "us-east-1b"] } };
const KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const load = (values: Record<string, unknown>, defaultTags?: Record<string, string>) => loadStackConfig({ cluster, ...values }, NOW, { region: "us-east-1", defaultTags });
const pools = (...extra: Record<string, unknown>[]) => extra.map((p, i) => ({ name: `p${i}`, instanceTypes: ["m6i.large"], ...p }));
const errors = (r: ReturnType<typeof load>) => (r.ok ? [] : r.errors);
const many = (n: number, prefix = "k") => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, "v"]));

describe("passed on", () => {
  it("merges the stack tags under each pool's, and passes the node role and the volume key", () => {
    const r = load({ tags: { team: "platform", env: "dev" }, pools: pools({ tags: { env: "gpu" }, nodeRole: { additionalPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] }, rootVolume: { kmsKeyArn: KEY } }, {}) });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.config.tags).toEqual({ team: "platform", env: "dev" });
    const { cluster: c, subnets } = placeholderCluster(r.config);
    const [a, b] = r.config.pools.map((p) => poolArgs(r.config, p, c, subnets));
    expect(a.tags).toEqual({ team: "platform", env: "gpu" });
    expect(b.tags).toEqual({ team: "platform", env: "dev" });
    expect(a.nodeRole).toEqual({ additionalPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] });
    expect(a.rootVolume?.kmsKeyArn).toBe(KEY);
  });

  it("no stack tags: an empty map (STACK_DEFAULTS)", () => {
    const r = load({ pools: pools({}) });
    expect(r.ok && r.config.tags).toEqual({});
  });
});

describe("reported once, where written", () => {
  it("a bad stack tag at workerpools:tags, not at every pool", () => {
    const r = load({ tags: { "aws:team": "x" }, pools: pools({}, {}) });
    expect(errors(r).map((e) => e.path)).toEqual(["workerpools:tags.aws:team"]);
  });

  it("a bad pool tag at the pool's tags", () => {
    const r = load({ tags: { team: "x" }, pools: pools({}, { tags: { "bad!": "x" } }) });
    expect(errors(r).map((e) => e.path)).toEqual(["workerpools:pools[1].tags.bad!"]);
  });

  it("a stack tag the pool overrides with a bad value at the pool", () => {
    const r = load({ tags: { team: "ok" }, pools: pools({ tags: { team: "aws:no" } }) });
    expect(errors(r).map((e) => e.path)).toEqual(["workerpools:pools[0].tags.team"]);
  });

  it("too many stack tags for a subnet (which carries 3 more) at workerpools:tags", () => {
    expect(errors(load({ tags: many(47), pools: pools({}) }))).toEqual([]);
    expect(errors(load({ tags: many(48), pools: pools({}) })).map((e) => [e.path, /would carry 51/.test(e.message)])).toEqual([["workerpools:tags", true]]);
  });

  it("a pool over 50 with the stack's tags and its own, at the pool's tags", () => {
    const r = load({ tags: many(30, "s"), pools: pools({ tags: many(19, "p") }) });
    expect(errors(r).map((e) => e.path)).toEqual(["workerpools:pools[0].tags"]);
  });

  it("aws:defaultTags counted: over 50 only with them, at the key that would have to give way", () => {
    expect(errors(load({ tags: many(40), pools: pools({}) }, many(5, "d")))).toEqual([]);
    const r = load({ tags: many(40), pools: pools({ tags: many(5, "p") }) }, many(8, "d"));
    expect(errors(r).map((e) => e.path)).toEqual(["workerpools:tags", "workerpools:pools[0].tags"]);
    expect(errors(r)[1].message).toMatch(/with aws:defaultTags, .* would carry 55 tags \(47 of the stack, 8 default tags not set here\); AWS allows 50/);
  });

  it("bad default tags at aws:defaultTags.tags", () => {
    expect(errors(load({ pools: pools({}) }, { "aws:x": "y" })).map((e) => e.path)).toEqual(["aws:defaultTags.tags.aws:x"]);
  });

  it("a volume key of another region at the pool's rootVolume.kmsKeyArn", () => {
    const r = load({ pools: pools({ rootVolume: { kmsKeyArn: KEY.replace("us-east-1", "eu-west-1") } }) });
    expect(errors(r)).toEqual([expect.objectContaining({ path: "workerpools:pools[0].rootVolume.kmsKeyArn", message: expect.stringMatching(/in eu-west-1, but .* us-east-1/) })]);
  });

  it("a bad policy ARN at its index; a required one listed again as a warning", () => {
    const r = load({ pools: pools({ nodeRole: { additionalPolicyArns: ["arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy", "S3ReadOnly"] } }) });
    expect(errors(r).map((e) => e.path)).toEqual(["workerpools:pools[0].nodeRole.additionalPolicyArns[1]"]);
    expect(r.warnings.map((w) => w.path)).toContain("workerpools:pools[0].nodeRole.additionalPolicyArns[0]");
  });

  it("unknown keys under nodeRole and rootVolume are refused with the nearest name", () => {
    const r = load({ pools: pools({ nodeRole: { additionalPolicies: [] }, rootVolume: { kmsKey: KEY } }) });
    expect(errors(r).map((e) => e.path).sort()).toEqual(["workerpools:pools[0].nodeRole.additionalPolicies", "workerpools:pools[0].rootVolume.kmsKey"]);
  });
});
