/**
 * examples/stacks/Pulumi.ssh-extra-sg.yaml (after eksctl's 15-managed-nodes.yaml), planned: the key pair and the SSH
 * security group for the listed source, the extra security groups after the cluster's, the pool's tags on them, one NAT
 * gateway, and the policy pack's verdicts on what is legal but risky.
 */
import * as path from "node:path";
import { PlanResource, evaluatePolicies, readStackFile, runPlan } from "../../tools/plan";
import { named as namedIn, ofType as ofTypeIn } from "../fixtures/plan-resources";
import { EIP_TYPE, LAUNCH_TEMPLATE_TYPE, NAT_GATEWAY_TYPE, NODE_GROUP_TYPE, ROUTE_TABLE_TYPE, SECURITY_GROUP_INGRESS_RULE_TYPE, SECURITY_GROUP_TYPE } from "../../components/core";

const DIR = path.resolve(__dirname, "../../examples/stacks");
const EXTRA = ["sg-0a1b2c3d4e5f60718", "sg-0f1e2d3c4b5a69788"];
const SOURCE = "sg-00241fbb12c607007";
let resources: PlanResource[] = [];

beforeAll(async () => {
  const run = await runPlan(readStackFile(DIR, "ssh-extra-sg"), { now: new Date("2026-12-01T00:00:00Z") });
  if (!run.ok) throw new Error(run.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  resources = run.resources;
});

const ofType = (type: string) => ofTypeIn(resources, type);
const named = (type: string, name: string): PlanResource => namedIn(resources, type, name);
const POOL_TAGS = { "nodegroup-role": "worker", "workerpools/pool": "managed-ng-public", "workerpools/layout": "spread" };

it("lists the cluster security group, the attached ones, then the pool's SSH group, and sets the key pair", () => {
  const lt = named(LAUNCH_TEMPLATE_TYPE, "managed-ng-public-lt");
  expect(lt.inputs.vpcSecurityGroupIds).toEqual([expect.stringContaining("offline-stand-in"), ...EXTRA, "managed-ng-public-ssh-id"]);
  expect(lt.inputs.keyName).toBe("ec2_id_rsa");
  expect(named(LAUNCH_TEMPLATE_TYPE, "managed-ng-private-lt").inputs.vpcSecurityGroupIds).toBeUndefined();
});

it("opens tcp/22 from the listed source only, on a group tagged with the pool's tags", () => {
  expect(named(SECURITY_GROUP_TYPE, "managed-ng-public-ssh").inputs.tags).toEqual(POOL_TAGS);
  const rules = ofType(SECURITY_GROUP_INGRESS_RULE_TYPE);
  expect(rules.map((r) => [r.inputs.referencedSecurityGroupId, r.inputs.fromPort, r.inputs.toPort, r.inputs.tags])).toEqual([[SOURCE, 22, 22, POOL_TAGS]]);
});

it("tags the pool's node group and its instances with its tags", () => {
  expect(named(NODE_GROUP_TYPE, "managed-ng-public").inputs.tags).toEqual(POOL_TAGS);
  expect(named(LAUNCH_TEMPLATE_TYPE, "managed-ng-public-lt").inputs.tagSpecifications).toEqual([{ resourceType: "instance", tags: POOL_TAGS }, { resourceType: "volume", tags: POOL_TAGS }]);
});

it("plans one NAT gateway that every private route table uses", () => {
  expect(ofType(NAT_GATEWAY_TYPE).map((n) => n.name)).toEqual(["network-nat-us-west-2a"]);
  expect(ofType(EIP_TYPE)).toHaveLength(1);
  const privateTables = ofType(ROUTE_TABLE_TYPE).filter((r) => r.name.startsWith("network-private-"));
  expect(privateTables).toHaveLength(3);
  for (const t of privateTables) expect(t.inputs.routes).toEqual([{ cidrBlock: "0.0.0.0/0", natGatewayId: "network-nat-us-west-2a-id" }]);
});

it("is judged, not refused: the key pair, port 22 and the single NAT gateway fail their mandatory rules", () => {
  const failed = evaluatePolicies(resources, {}, { now: new Date("2026-12-01T00:00:00Z") }).filter((p) => !p.passed);
  // Advisory: EKS-NG-010 (its pools may grow, and the stack installs no autoscaler), EKS-OBS-002 (no dataplane logs shipped).
  expect([...new Set(failed.map((p) => p.ruleId))].sort()).toEqual(["EKS-NET-001", "EKS-NG-001", "EKS-NG-010", "EKS-NODE-004", "EKS-OBS-002"]);
});
