/**
 * The library as a consumer gets it: `npm pack`, install the tarball into a temporary copy of
 * examples/consumer (with only the Pulumi SDKs beside it), type-check and build the consumer, and run
 * it under Pulumi's mock runtime.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ADDON_TYPE, CLUSTER_TYPE, LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE, WORKER_POOL_TYPE } from "../../components/core";

const ROOT = path.resolve(__dirname, "../..");
const run = (cmd: string, args: string[], cwd: string): string =>
  execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, npm_config_audit: "false", npm_config_fund: "false" } });

interface Registered { type: string; name: string; inputs: Record<string, unknown> }
let registered: Registered[] = [];
let consumer = "";

beforeAll(() => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "consumer-"));
  const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", tmp], ROOT)) as { filename: string; files: { path: string }[] }[];
  consumer = path.join(tmp, "consumer");
  fs.cpSync(path.join(ROOT, "examples", "consumer"), consumer, { recursive: true, filter: (src) => !/node_modules|[\\/]bin$/.test(src) });
  const pkgFile = path.join(consumer, "package.json");
  const pkg = JSON.parse(fs.readFileSync(pkgFile, "utf8")) as { dependencies: Record<string, string> };
  pkg.dependencies["eks-workerpools"] = `file:${path.join(tmp, packed[0].filename)}`;
  fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2));
  run("npm", ["install", "--prefer-offline", "--no-package-lock"], consumer);
  run(path.join(consumer, "node_modules", ".bin", "tsc"), ["-p", "."], consumer);
  registered = JSON.parse(run("node", [path.join(__dirname, "..", "fixtures", "consumer-run.js"), path.join(consumer, "bin", "index.js")], consumer)) as Registered[];
}, 240_000);

describe("the packed library in a consumer project", () => {
  it("ships only built output, data and the README", () => {
    const files = fs.readdirSync(path.join(consumer, "node_modules", "eks-workerpools"));
    expect(files.sort()).toEqual(["README.md", "dist", "package.json"]);
    expect(fs.existsSync(path.join(consumer, "node_modules", "eks-workerpools", "dist", "components", "index.d.ts"))).toBe(true);
    expect(fs.existsSync(path.join(consumer, "node_modules", "eks-workerpools", "dist", "components", "facts", "data", "instance-types.json"))).toBe(true);
  });

  it("keeps one copy of @pulumi/pulumi (the SDKs are peer dependencies)", () => {
    const nested = path.join(consumer, "node_modules", "eks-workerpools", "node_modules", "@pulumi");
    expect(fs.existsSync(nested)).toBe(false);
  });

  it("builds a cluster with two pools from plain args", () => {
    const types = registered.map((r) => r.type);
    expect(types).toEqual(expect.arrayContaining([CLUSTER_TYPE, WORKER_POOL_TYPE, ADDON_TYPE]));
    expect(registered.filter((r) => r.type === WORKER_POOL_TYPE).map((r) => r.name).sort()).toEqual(["jobs", "web"]);
    const nodeGroups = registered.filter((r) => r.type === NODE_GROUP_TYPE).map((r) => r.name).sort();
    expect(nodeGroups).toEqual(["jobs-eu-west-1a", "jobs-eu-west-1b", "jobs-eu-west-1c", "web"]);
    const web = registered.find((r) => r.type === NODE_GROUP_TYPE && r.name === "web");
    expect(web?.inputs).toMatchObject({ amiType: "AL2023_ARM_64_STANDARD", instanceTypes: ["m7g.large", "m6g.large"] });
  });

  it("renders the consumer's kubelet override into the jobs pool's user data, over the EKS defaults", () => {
    const lt = registered.find((r) => r.type === LAUNCH_TEMPLATE_TYPE && r.name === "jobs-lt");
    const userData = Buffer.from(String(lt?.inputs.userData), "base64").toString("utf8");
    expect(userData).toMatch(/memory\.available: 500Mi/);
    expect(userData).toMatch(/nodefs\.inodesFree: 5%/);
  });

  it("passes the addons' prefix delegation to the pools (max pods follows the prefix formula and its cap)", () => {
    const lt = registered.find((r) => r.type === LAUNCH_TEMPLATE_TYPE && r.name === "web-lt");
    expect(Buffer.from(String(lt?.inputs.userData), "base64").toString("utf8")).toMatch(/maxPods: 110/);
  });
});
