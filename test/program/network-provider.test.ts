/**
 * The plan CLI on edits of the dev stack: one NAT gateway (planned, judged by EKS-NET-001), `aws:*` provider settings
 * (shown, and a `--baseline` change of `aws:defaultTags` reviewed), and secret (`secure:`) values (stand-ins).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PlanDocument } from "../../tools/plan";
import { EIP_TYPE, NAT_GATEWAY_TYPE, ROUTE_TABLE_TYPE } from "../../components/core";

const ROOT = path.resolve(__dirname, "../..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const DEV = fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8");
const NOW = "2026-12-01T00:00:00Z";

/** Plans `Pulumi.dev.yaml` = `edit(dev stack)` in a fresh project directory; returns the exit code, output and JSON. */
function plan(edit: (text: string) => string, ...args: string[]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "net-provider-"));
  fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  const text = edit(DEV);
  fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), text);
  const json = path.join(dir, "plan.json");
  const r = spawnSync(TSX, [path.join(ROOT, "tools", "plan", "main.ts"), "--project-root", dir, "--now", NOW, "--json", json, ...args], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
  const doc = fs.existsSync(json) ? (JSON.parse(fs.readFileSync(json, "utf8")) as PlanDocument) : undefined;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, doc, json };
}

/** Replaces `from` (which must occur) in the stack text. */
const sub = (from: string, to: string) => (text: string): string => {
  if (!text.includes(from)) throw new Error(`dev stack has no ${JSON.stringify(from)}`);
  return text.replace(from, to);
};
const withNat = (mode: string) => sub("      vpcCidr: 10.40.0.0/16\n", `      vpcCidr: 10.40.0.0/16\n      natGateways: ${mode}\n`);
const withProvider = (lines: string) => sub("  aws:region: us-east-1\n", `  aws:region: us-east-1\n${lines}`);

describe("workerpools:cluster.network.natGateways", () => {
  const single = plan(withNat("single"));

  it("single: one NAT gateway and Elastic IP, in the first AZ, that every private route table uses", () => {
    const resources = single.doc?.resources ?? [];
    const nats = resources.filter((r) => r.type === NAT_GATEWAY_TYPE);
    expect(nats.map((r) => r.name)).toEqual(["network-nat-us-east-1a"]);
    expect(resources.filter((r) => r.type === EIP_TYPE).map((r) => r.name)).toEqual(["network-nat-us-east-1a"]);
    const privateTables = resources.filter((r) => r.type === ROUTE_TABLE_TYPE && r.name.startsWith("network-private-"));
    expect(privateTables).toHaveLength(3);
    for (const t of privateTables) expect(t.propertyDependencies.routes).toEqual([nats[0].urn]);
  });

  it("single is planned and judged by EKS-NET-001 (mandatory: exit 1), not refused as config", () => {
    expect(single.code).toBe(1);
    expect(single.stdout).toMatch(/\[mandatory\] EKS-NET-001 eks-nat-gateway-per-az .*network-nat-us-east-1a\n\s+NAT gateway network-nat-us-east-1a in us-east-1a carries the internet egress of 3 AZs/);
  });

  it("single with EKS-NET-001 lowered to advisory plans cleanly", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "levels-"));
    fs.writeFileSync(path.join(dir, "levels.json"), JSON.stringify({ "EKS-NET-001": "advisory" }));
    expect(plan(withNat("single"), "--policy-config", path.join(dir, "levels.json")).code).toBe(0);
  });

  it("perAz (the default, written out) plans the dev stack's three NAT gateways, each AZ routing to its own", () => {
    const r = plan(withNat("perAz"));
    expect(r.code).toBe(0);
    const resources = r.doc?.resources ?? [];
    const byUrn = new Map(resources.map((x) => [x.urn, x]));
    for (const az of ["us-east-1a", "us-east-1b", "us-east-1c"]) {
      const table = resources.find((x) => x.type === ROUTE_TABLE_TYPE && x.name === `network-private-${az}`);
      expect((table?.propertyDependencies.routes ?? []).map((u) => byUrn.get(u)?.name)).toEqual([`network-nat-${az}`]);
    }
  });

  it("the README's Network counts are what Network registers, for perAz (the dev stack) and single", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8").replace(/\s+/g, " ");
    const perAz = /\(3 AZs: (\d+) NAT gateways, (\d+) Elastic IPs, (\d+) route tables, (\d+) associations\)/.exec(readme);
    const one = /\((\d+) NAT gateway, (\d+) Elastic IP; judged by EKS-NET-001\)/.exec(readme);
    const count = (doc: PlanDocument | undefined, type: string) => (doc?.resources ?? []).filter((r) => r.type === `aws:ec2/${type}`).length;
    const counts = (doc: PlanDocument | undefined) => [count(doc, "natGateway:NatGateway"), count(doc, "eip:Eip"), count(doc, "routeTable:RouteTable"), count(doc, "routeTableAssociation:RouteTableAssociation")];
    expect(perAz?.slice(1).map(Number)).toEqual(counts(plan((t) => t).doc));
    expect(one?.slice(1).map(Number)).toEqual(counts(single.doc).slice(0, 2));
  });

  it("a typo in the mode is refused at its path", () => {
    const r = plan(withNat("one"));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/workerpools:cluster\.network\.natGateways: .*"perAz"\|"single"|workerpools:cluster\.network\.natGateways: .*perAz/);
  });
});

describe("aws:* provider settings", () => {
  const TAGS = "  aws:defaultTags:\n    tags: { owner: platform, cost-center: \"42\" }\n  aws:secretKey: { secure: v1:AAAA }\n";
  const tagged = plan(withProvider(TAGS));

  it("are shown in the plan and in the JSON's provider section, credentials and secrets redacted", () => {
    expect(tagged.code).toBe(0);
    expect(tagged.stdout).toContain('aws:defaultTags: {"tags":{"owner":"platform","cost-center":"42"}}');
    expect(tagged.stdout).toContain("aws:secretKey: [secret]");
    expect(tagged.doc?.provider).toEqual({ aws: { region: "us-east-1", defaultTags: { tags: { owner: "platform", "cost-center": "42" } }, secretKey: "[secret]" } });
    expect(tagged.stdout).not.toContain("v1:AAAA");
  });

  it("a --baseline change of aws:defaultTags is reviewed: every taggable AWS resource is retagged in place, by name", () => {
    const base = plan((t) => t);
    const r = plan(withProvider(TAGS), "--baseline", base.json);
    expect(r.code).toBe(0);
    const [change] = r.doc?.provider.changes ?? [];
    expect(change).toMatchObject({ setting: "aws:defaultTags", to: { tags: { owner: "platform", "cost-center": "42" } } });
    expect(change.from).toBeUndefined();
    expect(change.retagged).toEqual(expect.arrayContaining([
      "aws:ec2/vpc:Vpc network-vpc", "aws:eks/nodeGroup:NodeGroup system", "aws:ec2/launchTemplate:LaunchTemplate general-lt", "aws:iam/role:Role system-node",
    ]));
    expect(change.retagged.some((x) => x.startsWith("aws:ec2/routeTableAssociation:"))).toBe(false);
    expect(r.stdout).toMatch(/AWS provider settings changed since .*:\n {2}aws:defaultTags: \(not set\) -> .*\n {4}adds owner, cost-center: an in-place tag update of \d+ planned AWS resources/);
    expect(r.stdout).toContain("~ aws:eks/nodeGroup:NodeGroup system");
  });
});

describe("secret (secure:) values", () => {
  const secretAdmin = sub("      - arn:aws:iam::111122223333:role/platform-admin\n", "      - arn:aws:iam::111122223333:role/platform-admin\n      - { secure: v1:BBBB }\n");
  const secretLabel = sub("labels: { role: general }", "labels: { role: general, team: { secure: v1:CCCC } }");

  it("are planned with labelled stand-ins, listed with the other stand-ins, each with a note that its format is not checked", () => {
    const r = plan((t) => secretLabel(secretAdmin(t)));
    expect(r.code).toBe(0);
    expect(r.doc?.standIns).toEqual(expect.arrayContaining([
      { question: "decrypt workerpools:cluster.admins[1] (a secure value; pulumi up decrypts it)", value: "arn:aws:iam::123456789012:role/offline-stand-in" },
      { question: "decrypt workerpools:pools[1].labels.team (a secure value; pulumi up decrypts it)", value: "offline-stand-in" },
    ]));
    expect(r.doc?.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ path: "workerpools:pools[1].labels.team", severity: "warning" })]));
    expect(r.stdout).not.toMatch(/v1:BBBB|v1:CCCC/);
  });

  it("where the stand-in cannot fit the key (a number) the plan refuses, saying why, and does not crash", () => {
    const r = plan(sub("rootVolume: { sizeGiB: 80, type: gp3 }", "rootVolume: { sizeGiB: { secure: v1:DDDD }, type: gp3 }"));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/workerpools:pools\[1\]\.rootVolume\.sizeGiB: .*secret \(secure:\) value/);
  });
});
