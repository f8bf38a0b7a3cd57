/**
 * `npm run plan -- --all` as a user runs it (the launcher, a real child process): every stack of a project in one
 * process, valid and invalid stacks mixed, the worst exit code, DIR/<stack>.json byte-identical to the stack planned
 * alone (in either order: no stack leaks into another through Pulumi's runtime, config or module state), one markdown
 * summary whose rollout diagrams match the plans, and the declared order of fleet.yaml.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { writeStack } from "../../tools/gen";
import { PlanDocument, fleetStacks, orderProblems, worstCode } from "../../tools/plan";
import { parseMermaid } from "../plan/mermaid-parse";

const ROOT = path.resolve(__dirname, "../..");
const NOW = "2026-12-24T09:00:00Z"; // inside the dev stack's year-end freeze window

function plan(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, "tools", "plan-launcher.cjs"), "--now", NOW, ...args], { cwd: ROOT, encoding: "utf8", timeout: 180_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A project with the dev stack, a generated 4-pool stack and the broken fixture, in `order`. */
function project(order: readonly string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-all-"));
  fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  fs.copyFileSync(path.join(ROOT, "Pulumi.dev.yaml"), path.join(dir, "Pulumi.dev.yaml"));
  fs.copyFileSync(path.join(__dirname, "..", "fixtures", "broken", "Pulumi.broken.yaml"), path.join(dir, "Pulumi.broken.yaml"));
  const gen = fs.mkdtempSync(path.join(os.tmpdir(), "plan-all-gen-"));
  writeStack(gen, { pools: 4, seed: 7 });
  fs.copyFileSync(path.join(gen, "Pulumi.bench-4.yaml"), path.join(dir, "Pulumi.bench-4.yaml"));
  fs.writeFileSync(path.join(dir, "fleet.yaml"), `order: [${order.join(", ")}]\n`);
  return dir;
}

describe("npm run plan -- --all", () => {
  const forward = project(["dev", "broken", "bench-4"]);
  const backward = project(["bench-4", "broken", "dev"]);
  const out = (name: string) => path.join(forward, name);
  let all: ReturnType<typeof plan>;
  let reversed: ReturnType<typeof plan>;

  beforeAll(() => {
    all = plan("--project-root", forward, "--all", "--json", out("plans"), "--markdown", out("summary.md"));
    reversed = plan("--project-root", backward, "--all", "--json", path.join(backward, "plans"));
    for (const stack of ["dev", "bench-4"]) {
      expect(plan("--project-root", forward, "--stack", stack, "--json", out(`${stack}.alone.json`)).code).toBe(0);
    }
  });

  it("exits with the worst code (2: the broken stack) after planning the others", () => {
    expect(all.code).toBe(2);
    expect(reversed.code).toBe(2);
    expect(all.stdout).toMatch(/Fleet: 3 stacks planned in one process; exit 2/);
  });

  it("prints one section per stack in the declared order; the broken stack's errors are in its own section", () => {
    const titles = [...all.stdout.matchAll(/^===== stack (\S+) \((\d) of 3\) =====$/gm)].map((m) => m[1]);
    expect(titles).toEqual(["dev", "broken", "bench-4"]);
    const broken = all.stdout.slice(all.stdout.indexOf("===== stack broken"), all.stdout.indexOf("===== stack bench-4"));
    for (const p of ["workerpools:cluster.network.vpcCidr", "workerpools:pools[1].taints[0].effect"]) expect(broken).toContain(p);
    expect(broken).toMatch(/stack broken: exit 2/);
    const dev = all.stdout.slice(0, all.stdout.indexOf("===== stack broken"));
    expect(dev).toMatch(/Offline plan of stack "dev"/);
    expect(dev).not.toContain("workerpools:cluster.network.vpcCidr");
  });

  it("writes DIR/<stack>.json for the planned stacks only, byte-identical to each stack planned alone, in either order", () => {
    expect(fs.readdirSync(out("plans")).sort()).toEqual(["bench-4.json", "dev.json"]);
    for (const stack of ["dev", "bench-4"]) {
      const alone = fs.readFileSync(out(`${stack}.alone.json`), "utf8");
      expect(fs.readFileSync(path.join(out("plans"), `${stack}.json`), "utf8")).toBe(alone);
      expect(fs.readFileSync(path.join(backward, "plans", `${stack}.json`), "utf8")).toBe(alone);
    }
  });

  it("writes one markdown summary: the overview table in order, then each stack's section with its diagram", () => {
    const md = fs.readFileSync(out("summary.md"), "utf8");
    expect(md.startsWith("## Offline plan: 3 stacks\n")).toBe(true);
    const rows = [...md.matchAll(/^\| `([^`]+)` \| .* \| (\d) \|$/gm)].map((m) => [m[1], Number(m[2])]);
    expect(rows).toEqual([["dev", 0], ["broken", 2], ["bench-4", 0]]);
    const sections = md.split(/^### Offline plan: stack /m).slice(1);
    expect(sections.map((s) => s.slice(0, s.indexOf("\n")))).toEqual(["`dev`", "`broken`", "`bench-4`"]);
    expect(sections[1]).toContain("invalid configuration");
    expect(sections[1]).toContain("workerpools:cluster.network.vpcCidr");
    for (const [i, stack] of [[0, "dev"], [2, "bench-4"]] as const) {
      const doc = JSON.parse(fs.readFileSync(path.join(out("plans"), `${stack}.json`), "utf8")) as PlanDocument;
      const g = parseMermaid(sections[i]);
      const pools = g.subgraphs.map((s) => s.members.map((id) => g.nodes.get(id)?.label[0]));
      expect(pools).toEqual(doc.rollout.fleet.waves.map((w) => w.pools));
      const chain = g.edges.filter((e) => !e.dotted).map((e) => [e.from, e.to]);
      expect(chain).toEqual(g.subgraphs.slice(1).map((s, k) => [g.subgraphs[k].id, s.id]));
      // the dev stack freezes from 2026-12-20 to 2027-01-04: at NOW the freeze holds every wave
      const holds = g.edges.filter((e) => e.dotted && e.label === "holds").map((e) => e.to);
      expect(holds).toEqual(stack === "dev" ? g.subgraphs.map((s) => s.id) : []);
    }
  });

  it("--list prints the stacks in the declared order; --all with --stack is refused", () => {
    const list = plan("--project-root", backward, "--list");
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual(["bench-4", "broken", "dev"]);
    const r = plan("--project-root", forward, "--all", "--stack", "dev");
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe("plan: --stack names one stack; --all takes every stack of the project");
  });
});

describe("the declared order (fleet.yaml)", () => {
  it("must name every stack file exactly once", () => {
    expect(orderProblems(["dev", "prod"], ["dev", "prod"])).toEqual([]);
    expect(orderProblems(["prod", "dev", "dev", "qa"], ["dev", "prod", "staging"])).toEqual([
      'order lists "dev" twice', 'order lists "qa", which has no Pulumi.qa.yaml', 'Pulumi.staging.yaml is not in order (add "staging" where it deploys)',
    ]);
    expect(orderProblems("dev", ["dev"])).toEqual(["order must be a list of stack names, e.g. order: [dev, prod]"]);
  });

  it("orders --all and --list; without it the stacks go by name; an invalid one is refused with every problem", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-order-"));
    for (const s of ["prod", "dev", "staging"]) fs.writeFileSync(path.join(dir, `Pulumi.${s}.yaml`), "config: {}\n");
    expect(fleetStacks(dir)).toEqual(["dev", "prod", "staging"]);
    fs.writeFileSync(path.join(dir, "fleet.yaml"), "order: [dev, staging, prod]\n");
    expect(fleetStacks(dir)).toEqual(["dev", "staging", "prod"]);
    fs.writeFileSync(path.join(dir, "fleet.yaml"), "order: [dev, prod]\n");
    expect(() => fleetStacks(dir)).toThrow(/fleet\.yaml: the stacks' order is invalid:\n {2}Pulumi\.staging\.yaml is not in order/);
  });

  it("the repository's own order names its stacks", () => {
    expect(fleetStacks(ROOT)).toEqual(["dev"]);
  });
});

describe("the worst exit code", () => {
  it.each<[number[], number]>([
    [[0, 0], 0], [[0, 1, 0], 1], [[1, 2, 0], 2], [[2, 3, 1], 3], [[3, 0], 3], [[], 0],
  ])("of %p is %p (3 internal error > 2 invalid > 1 mandatory violation > 0)", (codes, worst) => {
    expect(worstCode(codes.map((code) => ({ code: code as 0 | 1 | 2 | 3 })))).toBe(worst);
  });
});
