/** What the README says about files and about @pulumi/eks, checked against the tree and the installed package. */
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");

describe("README truth", () => {
  it("every repository file or folder it names in backticks exists", () => {
    const named = [...README.matchAll(/`((?:components|infra|tools|policies|schema|test|examples|\.github|\.ci)\/[^`\s*<>]*)`/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((p) => !fs.existsSync(path.join(ROOT, p)))).toEqual([]);
  });

  it("says beside admins that the deploying identity is cluster admin, as @pulumi/eks 4.3 (no input to turn it off) makes it", () => {
    const eks = JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", "@pulumi", "eks", "package.json"), "utf8")) as { version: string };
    expect(eks.version).toMatch(/^4\.3\./);
    const clusterArgs = fs.readFileSync(path.join(ROOT, "node_modules", "@pulumi", "eks", "cluster.d.ts"), "utf8");
    expect(clusterArgs).not.toContain("bootstrapClusterCreatorAdminPermissions");
    expect(clusterArgs).toContain("accessEntries?:");
    const adminsRow = README.split("\n").find((l) => l.startsWith("| `admins` |")) ?? "";
    expect(adminsRow).toMatch(/bootstrapClusterCreatorAdminPermissions: true/);
    expect(adminsRow).toMatch(/no input to turn that off/);
    expect(adminsRow).toMatch(/StorageClass\) are created with the credentials of whoever runs `pulumi up`/);
  });
});
