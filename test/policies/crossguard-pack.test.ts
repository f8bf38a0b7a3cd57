/**
 * The pack as `pulumi preview --policy-pack policies` runs it: Pulumi's own policy pack runner
 * (@pulumi/pulumi/cmd/run-policy-pack, ts-node, cwd policies/) serves the analyzer over gRPC; the test plays the
 * engine and sends Analyze / AnalyzeStack requests like a preview does, unknown values included.
 */
import { ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as apb from "@pulumi/pulumi/proto/analyzer_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { ALL_RULES } from "../../policies/rules";
import { CLUSTER_TYPE, LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE, SUBNET_TYPE } from "../../components/core";

const ROOT = path.resolve(__dirname, "../..");
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

let child: ChildProcessWithoutNullStreams;
let client: AnalyzerClient;

function startPack(): Promise<number> {
  child = spawn(process.execPath, [path.join(ROOT, "node_modules/@pulumi/pulumi/cmd/run-policy-pack"), "127.0.0.1:1", "."], { cwd: path.join(ROOT, "policies") });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => { stderr += d.toString(); });
  return new Promise((resolve, reject) => {
    child.stdout.once("data", (d: Buffer) => resolve(Number(d.toString().trim())));
    child.once("exit", (code) => reject(new Error(`policy pack exited ${String(code)}: ${stderr}`)));
  });
}

type Callback<Res> = (err: grpc.ServiceError | null, res: Res) => void;
const unary = <Req, Res>(fn: (req: Req, cb: Callback<Res>) => unknown, req: Req): Promise<Res> =>
  new Promise((resolve, reject) => { fn(req, (err, res) => (err ? reject(err) : resolve(res))); });

function resourceRequest(type: string, name: string, props: Record<string, unknown>): apb.AnalyzeRequest {
  const req = new apb.AnalyzeRequest();
  req.setType(type);
  req.setName(name);
  req.setUrn(`urn:pulumi:dev::eks-workerpools::${type}::${name}`);
  req.setProperties(Struct.fromJavaScript(props as Record<string, never>));
  req.setOptions(new apb.AnalyzerResourceOptions());
  return req;
}

const diagnostics = (res: apb.AnalyzeResponse) =>
  res.getDiagnosticsList().map((d) => ({ policy: d.getPolicyname(), level: d.getEnforcementlevel(), message: d.getMessage(), urn: d.getUrn() }));

beforeAll(async () => {
  const port = await startPack();
  client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
}, 120_000);

afterAll(() => {
  client?.close();
  child?.kill();
});

describe("policies/ under Pulumi's policy pack runner", () => {
  it("serves every rule as a policy", async () => {
    const info = await unary<Empty, apb.AnalyzerInfo>((req, cb) => client.getAnalyzerInfo(req, cb), new Empty());
    expect(info.getName()).toBe("eks-workerpools");
    expect(info.getVersion()).toBe("0.1.0");
    expect(info.getPoliciesList().map((p) => p.getName())).toEqual(ALL_RULES.map((r) => r.name));
  });

  it("flags an insecure launch template and cluster, and skips values unknown during preview", async () => {
    const userData = Buffer.from("apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec:\n  kubelet:\n    config:\n      readOnlyPort: 10255\n").toString("base64");
    const lt = diagnostics(await unary<apb.AnalyzeRequest, apb.AnalyzeResponse>((r, cb) => client.analyze(r, cb), resourceRequest(LAUNCH_TEMPLATE_TYPE, "web-lt", {
      userData, metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 }, blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true" } }],
    })));
    expect(lt).toEqual([expect.objectContaining({ policy: "eks-kubelet-read-only-port-off", level: apb.EnforcementLevel.MANDATORY, message: expect.stringMatching(/\[EKS-KUBELET-003\] readOnlyPort is 10255/) })]);
    const cluster = diagnostics(await unary<apb.AnalyzeRequest, apb.AnalyzeResponse>((r, cb) => client.analyze(r, cb), resourceRequest(CLUSTER_TYPE, "cluster", {
      endpointPrivateAccess: true, endpointPublicAccess: UNKNOWN, encryptionConfigKeyArn: UNKNOWN, enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"], version: "1.35",
    })));
    expect(cluster).toEqual([expect.objectContaining({ policy: "eks-deletion-protection", level: apb.EnforcementLevel.ADVISORY })]);
  });

  it("runs stack rules over the stack's resources and their property dependencies", async () => {
    const subnetUrn = "urn:pulumi:dev::eks-workerpools::aws:ec2/subnet:Subnet::a";
    const subnet = new apb.AnalyzerResource();
    subnet.setType(SUBNET_TYPE); subnet.setName("a"); subnet.setUrn(subnetUrn);
    subnet.setProperties(Struct.fromJavaScript({ availabilityZone: "us-east-1a" }));
    subnet.setOptions(new apb.AnalyzerResourceOptions());
    const ng = new apb.AnalyzerResource();
    ng.setType(NODE_GROUP_TYPE); ng.setName("web"); ng.setUrn("urn:pulumi:dev::eks-workerpools::aws:eks/nodeGroup:NodeGroup::web");
    ng.setProperties(Struct.fromJavaScript({ subnetIds: [UNKNOWN], tags: { "workerpools/pool": "web" } }));
    ng.setOptions(new apb.AnalyzerResourceOptions());
    const deps = new apb.AnalyzerPropertyDependencies();
    deps.setUrnsList([subnetUrn]);
    ng.getPropertydependenciesMap().set("subnetIds", deps);
    const req = new apb.AnalyzeStackRequest();
    req.setResourcesList([subnet, ng]);
    const found = diagnostics(await unary<apb.AnalyzeStackRequest, apb.AnalyzeResponse>((r, cb) => client.analyzeStack(r, cb), req));
    expect(found).toEqual([expect.objectContaining({ policy: "eks-pool-multi-az", urn: ng.getUrn(), message: expect.stringMatching(/spans 1 AZ \(us-east-1a\)/) })]);
  });
});
