/**
 * examples/stacks/Pulumi.promoted-prod.yaml promoting from Pulumi.promoted-dev.yaml, planned as users run it: the source's
 * plan JSON carries each pool's release and since (`versions`), `--promote-from` hands it to the promoted stack, and the
 * plan says what each pool takes and why; not soaked, a new pool without a fallback is refused (exit 2); without
 * `--promote-from` a labelled stand-in and a warning; against a baseline, `since` is kept and a promoted release change
 * rolls the pool in its wave; the source's bounded release history grows across its plans and a release it ran soakDays
 * before moving on is still promoted.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { PlanDocument } from "../../tools/plan";
import { NODE_GROUP_TYPE } from "../../components/core";

const ROOT = path.resolve(__dirname, "../..");
const EXAMPLES = path.join(ROOT, "examples", "stacks");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "promotion-"));
const DEV_JSON = path.join(TMP, "dev.json");

function plan(stack: string, now: string, ...args: string[]) {
  const r = spawnSync(TSX, [path.join(ROOT, "tools", "plan", "main.ts"), "--project-root", EXAMPLES, "--stack", stack, "--now", now, ...args], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const read = (file: string): PlanDocument => JSON.parse(fs.readFileSync(file, "utf8")) as PlanDocument;
const nodeGroups = (doc: PlanDocument, pool: string) => doc.resources.filter((r) => r.type === NODE_GROUP_TYPE && (r.name === pool || r.name.startsWith(`${pool}-`)));

beforeAll(() => {
  const r = plan("promoted-dev", "2026-11-20T09:00:00Z", "--json", DEV_JSON);
  if (r.code !== 0) throw new Error(r.stderr);
});

describe("the source stack's plan JSON", () => {
  it("records each pool's release, since when it runs it (--now on a first plan) and its AMI type", () => {
    expect(read(DEV_JSON).versions?.pools.general).toEqual({
      kubernetesVersion: "1.35", releaseVersion: "1.35.0-20251120", since: "2026-11-20T09:00:00.000Z", amiType: "AL2023_x86_64_STANDARD",
    });
  });
});

describe("promoted-prod --promote-from promoted-dev=<plan.json>", () => {
  const prodJson = path.join(TMP, "prod.json");
  let r: ReturnType<typeof plan>;
  beforeAll(() => { r = plan("promoted-prod", "2026-12-01T09:00:00Z", "--promote-from", `promoted-dev=${DEV_JSON}`, "--json", prodJson); });

  it("takes the soaked release on every node group and says why", () => {
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("general takes 1.35.0-20251120 from promoted-dev/general, run there since 2026-11-20, 11 days >= 7");
    const doc = read(prodJson);
    expect(nodeGroups(doc, "general").map((g) => g.inputs.releaseVersion)).toEqual(["1.35.0-20251120", "1.35.0-20251120", "1.35.0-20251120"]);
    expect(nodeGroups(doc, "system").map((g) => g.inputs.releaseVersion)).toEqual(["1.35.0-20251120"]);
    expect(doc.promotions?.map((p) => p.choice.kind)).toEqual(["promote", "promote"]);
    expect(doc.versions?.pools.general.since).toBe("2026-12-01T09:00:00.000Z");
  });

  it("against its own earlier plan as the baseline, keeps since; a newer soaked release rolls the pool in its wave", () => {
    const later = plan("promoted-prod", "2026-12-10T09:00:00Z", "--promote-from", `promoted-dev=${DEV_JSON}`, "--baseline", prodJson, "--json", path.join(TMP, "prod2.json"));
    expect(later.code).toBe(0);
    expect(read(path.join(TMP, "prod2.json")).versions?.pools.general.since).toBe("2026-12-01T09:00:00.000Z");
    // The source moves on to a newer release, soaked by 2026-12-10.
    const newer = structuredClone(read(DEV_JSON));
    for (const p of Object.values(newer.versions?.pools ?? {})) Object.assign(p, { releaseVersion: "1.35.0-20251127", since: "2026-12-02T00:00:00.000Z" });
    fs.writeFileSync(path.join(TMP, "dev-newer.json"), JSON.stringify(newer));
    const rolled = plan("promoted-prod", "2026-12-10T09:00:00Z", "--promote-from", `promoted-dev=${path.join(TMP, "dev-newer.json")}`, "--baseline", prodJson, "--json", path.join(TMP, "prod3.json"));
    expect(rolled.code).toBe(0);
    expect(rolled.stdout).toContain("general takes 1.35.0-20251127 from promoted-dev/general, run there since 2026-12-02, 8 days >= 7; a release change (runs 1.35.0-20251120): rolls the pool in wave 2");
    const doc = read(path.join(TMP, "prod3.json"));
    expect(doc.versions?.pools.general.since).toBe("2026-12-10T09:00:00.000Z");
    const general = doc.rollout.changeReview?.pools.find((p) => p.pool === "general");
    expect(general?.nodeGroups.map((g) => g.consequence.kind)).toEqual(["roll", "roll", "roll"]);
    // Inside the year-end freeze the same promotion is held.
    const frozen = plan("promoted-prod", "2026-12-22T09:00:00Z", "--promote-from", `promoted-dev=${path.join(TMP, "dev-newer.json")}`, "--baseline", prodJson, "--json", path.join(TMP, "prod4.json"));
    expect(frozen.code).toBe(0);
    expect(read(path.join(TMP, "prod4.json")).rollout.freeze?.held).toContainEqual(expect.objectContaining({ target: "general", field: "releaseVersion", kept: "1.35.0-20251120", desired: "1.35.0-20251127" }));
  });
});

describe("the source's release history, offline", () => {
  it("grows across the source's plans (--baseline) and lets prod take the release dev ran 59 days before moving on 2 days ago", () => {
    // dev's earlier state: it ran 1.35.0-20251105 since 2026-10-01 (its node groups and its versions say so).
    const earlier = structuredClone(read(DEV_JSON));
    for (const r of earlier.resources) if (r.type === NODE_GROUP_TYPE) r.inputs.releaseVersion = "1.35.0-20251105";
    for (const p of Object.values(earlier.versions?.pools ?? {})) Object.assign(p, { releaseVersion: "1.35.0-20251105", since: "2026-10-01T00:00:00.000Z" });
    fs.writeFileSync(path.join(TMP, "dev-earlier.json"), JSON.stringify(earlier));
    const devNow = path.join(TMP, "dev-history.json");
    const dev = plan("promoted-dev", "2026-11-29T09:00:00Z", "--baseline", path.join(TMP, "dev-earlier.json"), "--json", devNow);
    expect(dev.code).toBe(0);
    expect(read(devNow).versions?.pools.general).toMatchObject({
      releaseVersion: "1.35.0-20251120", since: "2026-11-29T09:00:00.000Z",
      history: [{ releaseVersion: "1.35.0-20251105", since: "2026-10-01T00:00:00.000Z", until: "2026-11-29T09:00:00.000Z" }],
    });
    const prodJson = path.join(TMP, "prod-history.json");
    const prod = plan("promoted-prod", "2026-12-01T09:00:00Z", "--promote-from", `promoted-dev=${devNow}`, "--json", prodJson);
    expect(prod.code).toBe(0);
    expect(prod.stdout).toContain("general takes 1.35.0-20251105 from promoted-dev/general, run there 2026-10-01 to 2026-11-29, 59 days >= 7, then replaced by a newer release (promoted-dev/general runs 1.35.0-20251120 since 2026-11-29, 2 days < 7)");
    const doc = read(prodJson);
    expect(nodeGroups(doc, "general").map((g) => g.inputs.releaseVersion)).toEqual(["1.35.0-20251105", "1.35.0-20251105", "1.35.0-20251105"]);
    expect(doc.promotions?.find((p) => p.pool === "general")?.choice).toMatchObject({ kind: "promote", releaseVersion: "1.35.0-20251105", until: "2026-11-29T09:00:00.000Z" });
  });
});

describe("not soaked, and no source", () => {
  it("refuses a new pool with nothing soaked and no fallback (exit 2 at its ami key); the other takes its fallback", () => {
    const r = plan("promoted-prod", "2026-11-25T09:00:00Z", "--promote-from", `promoted-dev=${DEV_JSON}`);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/workerpools:pools\[1\]\.ami: channel promoted from promoted-dev: nothing to deploy: promoted-dev\/general runs 1\.35\.0-20251120 since 2026-11-20, 5 days < 7/);
    expect(r.stderr).not.toContain("workerpools:pools[0]");
  });

  it("without --promote-from, plans with a labelled stand-in and a warning", () => {
    const json = path.join(TMP, "standin.json");
    const r = plan("promoted-prod", "2026-12-01T09:00:00Z", "--json", json);
    expect(r.code).toBe(0);
    const doc = read(json);
    expect(doc.warnings).toContainEqual(expect.objectContaining({ path: "workerpools:pools[1].ami.from", message: expect.stringContaining("pass --promote-from promoted-dev=<plan.json>") }));
    expect(doc.standIns.map((s) => s.question)).toContainEqual(expect.stringMatching(/^StackReference promoted-dev output versions \(pool general/));
    expect(String(nodeGroups(doc, "general")[0].inputs.releaseVersion)).toMatch(/^offline-stand-in\(/);
    expect(nodeGroups(doc, "system")[0].inputs.releaseVersion).toBe("1.35.0-20251105");
  });

  it("a malformed --promote-from is a usage error", () => {
    const r = plan("promoted-prod", "2026-12-01T09:00:00Z", "--promote-from", DEV_JSON);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--promote-from takes <stack>=<plan.json>");
  });
});
