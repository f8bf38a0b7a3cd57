/**
 * The CrossGuard adapter: rules wrapped as @pulumi/policy policies, fed the way the policy server feeds them
 * (props behind @pulumi/policy's unknown-checking proxy, unknowns as Pulumi's sentinel strings).
 */
import type {
  PolicyResource, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy,
} from "@pulumi/policy";
import * as policySdk from "@pulumi/policy";
import { fromPolicyResource, plainProps, toCrossGuardPolicy } from "../../policies/rule";
import { UNKNOWN } from "../../policies/rule-values";
import { ALL_RULES, findRule } from "../../policies/rules";
import { NOW } from "./policy-fixtures";
import { CLUSTER_TYPE, LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE, SUBNET_TYPE } from "../../components/core";

const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * @pulumi/policy's own unknown-checking proxy (what the policy server wraps props in). Its index.d.ts re-exports
 * it from an internal module whose declarations are stripped, so the call is untyped.
 */
function unknownCheckingProxy(props: Record<string, unknown>): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-call -- see above: the export exists, its type does not
  const proxied: unknown = policySdk.unknownCheckingProxy(props);
  if (typeof proxied !== "object" || proxied === null) throw new Error("unknownCheckingProxy returned no object");
  return proxied as Record<string, unknown>;
}

function resourceArgs(type: string, props: Record<string, unknown>, notApplicable: (reason?: string) => never): ResourceValidationArgs {
  const proxied = unknownCheckingProxy(props);
  return {
    type, props: proxied, urn: `urn:pulumi:t::p::${type}::x`, name: "x", opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
    isType: () => false, asType: () => undefined, getConfig: <T>() => ({}) as T, notApplicable, stackTags: new Map(),
  } as ResourceValidationArgs;
}

function validate(ruleId: string, type: string, props: Record<string, unknown>) {
  const rule = findRule(ruleId);
  if (!rule) throw new Error(ruleId);
  const policy = toCrossGuardPolicy(rule, () => NOW) as ResourceValidationPolicy;
  const reports: string[] = [];
  const report: ReportViolation = (message: string) => { reports.push(message); };
  const notApplicable = jest.fn((reason?: string): never => { throw new Error(`not applicable: ${reason ?? ""}`); });
  let thrown: unknown;
  try {
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
    for (const v of validations) void v?.(resourceArgs(type, props, notApplicable), report);
  } catch (err) {
    thrown = err;
  }
  return { reports, notApplicable, thrown, policy };
}

describe("toCrossGuardPolicy (resource rules)", () => {
  it("carries the rule's name, id, level, remediation and compliance framework", () => {
    const { policy } = validate("EKS-KUBELET-001", LAUNCH_TEMPLATE_TYPE, {});
    expect(policy).toEqual(expect.objectContaining({
      name: "eks-kubelet-anonymous-auth-off", enforcementLevel: "mandatory", tags: ["EKS-KUBELET-001"],
      description: expect.stringMatching(/^EKS-KUBELET-001: /), remediationSteps: expect.stringMatching(/hardening override/),
      framework: { name: "CIS Amazon EKS Benchmark", version: "1.8.0", reference: "3.2.1", specification: "Ensure that the Anonymous Auth is Not Enabled (Automated)" },
    }));
  });

  it("reports violations tagged with the rule id", () => {
    const { reports } = validate("EKS-CP-001", CLUSTER_TYPE, { endpointPrivateAccess: false, endpointPublicAccess: false });
    expect(reports).toEqual(["[EKS-CP-001] endpointPrivateAccess is false (EKS default: false); enable the private endpoint"]);
  });

  it("never throws on unknown values: reading them through the unknown-checking proxy would abort the policy", () => {
    const props = { endpointPrivateAccess: UNKNOWN_STRING, endpointPublicAccess: UNKNOWN_STRING, encryptionConfigKeyArn: UNKNOWN_STRING, enabledClusterLogTypes: [UNKNOWN_STRING] };
    for (const id of ["EKS-CP-001", "EKS-CP-002", "EKS-CP-003", "EKS-CP-004"]) {
      const r = validate(id, CLUSTER_TYPE, props);
      expect(r.thrown).toBeUndefined();
      expect(r.reports).toEqual([]);
    }
    expect(() => unknownCheckingProxy(props).endpointPrivateAccess).toThrow(/can't be known during preview/);
  });

  it("skips other resource types and marks rules that do not apply as not applicable", () => {
    expect(validate("EKS-CP-001", "aws:s3/bucket:Bucket", { endpointPrivateAccess: false }).reports).toEqual([]);
    const r = validate("EKS-NG-004", NODE_GROUP_TYPE, { capacityType: "ON_DEMAND", instanceTypes: ["m6i.large"] });
    expect(r.notApplicable).toHaveBeenCalledWith('not a Spot node group (capacityType "ON_DEMAND")');
  });

  it("unwraps the proxy and turns Pulumi's unknown sentinels into UNKNOWN", () => {
    const plain = plainProps(unknownCheckingProxy({ a: UNKNOWN_STRING, b: { c: [1, UNKNOWN_STRING] } }));
    expect(plain).toEqual({ a: UNKNOWN, b: { c: [1, UNKNOWN] } });
  });
});

describe("toCrossGuardPolicy (stack rules)", () => {
  function policyResource(type: string, name: string, props: Record<string, unknown>): PolicyResource {
    return {
      type, name, urn: `urn:pulumi:t::p::${type}::${name}`, props: unknownCheckingProxy(props),
      dependencies: [], propertyDependencies: {}, opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
      isType: () => false, asType: () => undefined,
    } as PolicyResource;
  }

  it("resolves property dependencies to URNs and reports each finding on its resource", () => {
    const subnet = policyResource(SUBNET_TYPE, "a", { availabilityZone: "us-east-1a" });
    const group = policyResource(NODE_GROUP_TYPE, "web", { subnetIds: [UNKNOWN_STRING], tags: { "workerpools/pool": "web" } });
    group.propertyDependencies = { subnetIds: [subnet] };
    expect(fromPolicyResource(group).propertyDependencies).toEqual({ subnetIds: [subnet.urn] });
    const rule = findRule("EKS-NG-005");
    if (!rule) throw new Error("EKS-NG-005");
    const policy = toCrossGuardPolicy(rule, () => NOW) as StackValidationPolicy;
    const reports: { message: string; urn?: string }[] = [];
    const args = { resources: [subnet, group], getConfig: <T>() => ({}) as T, notApplicable: () => { throw new Error("n/a"); }, stackTags: new Map() } as StackValidationArgs;
    void policy.validateStack(args, (message: string, urn?: string) => { reports.push({ message, urn }); });
    expect(reports).toEqual([{ message: expect.stringMatching(/^\[EKS-NG-005\] pool "web" \(node groups web\) spans 1 AZ/), urn: group.urn }]);
  });

  it("wraps every rule of the pack", () => {
    const policies = ALL_RULES.map((r) => toCrossGuardPolicy(r));
    expect(policies.map((p) => p.name)).toEqual(ALL_RULES.map((r) => r.name));
    expect(policies.filter((p) => "validateStack" in p).map((p) => p.name)).toEqual(ALL_RULES.filter((r) => r.kind === "stack").map((r) => r.name));
  });
});
