/** Secret (secure:) values in config validation: what the offline plan's stand-ins skip, and what they cannot. */
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { loadStackConfig } from "../../infra/config";
import { explainSecretShapes, skipSecretFormats } from "../../infra/secrets";

const NOW = new Date("2026-12-01T00:00:00Z");
const dev = (): Record<string, unknown> => {
  const doc = YAML.parse(fs.readFileSync(path.resolve(__dirname, "../..", "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, unknown> };
  return Object.fromEntries(Object.entries(doc.config).filter(([k]) => k.startsWith("workerpools:")).map(([k, v]) => [k.slice("workerpools:".length), v]));
};

describe("secret stand-ins in validation", () => {
  it("a stand-in's format errors become one note at the secret's path; other errors stay", () => {
    const issues = skipSecretFormats([
      { path: "workerpools:cluster.endpoint.publicAccessCidrs[0]", message: "not a CIDR" },
      { path: "workerpools:cluster.name", message: "bad name" },
    ], ["workerpools:cluster.endpoint.publicAccessCidrs[0]"]);
    expect(issues).toEqual([
      { path: "workerpools:cluster.name", message: "bad name" },
      expect.objectContaining({ path: "workerpools:cluster.endpoint.publicAccessCidrs[0]", severity: "warning", message: expect.stringMatching(/does not check this value's format/) }),
    ]);
  });

  it("without secrets nothing changes", () => {
    const issues = [{ path: "a", message: "b" }];
    expect(skipSecretFormats(issues, [])).toEqual(issues);
    expect(explainSecretShapes(issues, [])).toEqual(issues);
  });

  it("loadStackConfig plans a stand-in in a format-checked key, with the note, and refuses the same value when it is not a secret", () => {
    const values = dev();
    const cluster = values.cluster as Record<string, unknown>;
    const withStandIn = { ...values, cluster: { ...cluster, endpoint: { privateAccess: true, publicAccessCidrs: ["offline-stand-in"] } } };
    const at = "workerpools:cluster.endpoint.publicAccessCidrs[0]";
    const secret = loadStackConfig(withStandIn, NOW, { region: "us-east-1", secretPaths: [at] });
    expect(secret.ok).toBe(true);
    expect(secret.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ path: at, severity: "warning" })]));
    const plain = loadStackConfig(withStandIn, NOW, { region: "us-east-1" });
    expect(plain.ok).toBe(false);
    if (!plain.ok) expect(plain.errors.map((e) => e.path)).toContain(at);
  });

  it("a stand-in string where the schema wants a number is refused, saying why", () => {
    const values = dev();
    const pools = values.pools as Record<string, unknown>[];
    const withStandIn = { ...values, pools: [{ ...pools[0], rootVolume: { sizeGiB: "offline-stand-in" } }, ...pools.slice(1)] };
    const r = loadStackConfig(withStandIn, NOW, { region: "us-east-1", secretPaths: ["workerpools:pools[0].rootVolume.sizeGiB"] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([expect.objectContaining({ path: "workerpools:pools[0].rootVolume.sizeGiB", message: expect.stringMatching(/secret \(secure:\) value.*does not fit this key/) })]);
  });
});
