/** The effective kubelet of decoded user data (policies/kubelet-effective.ts): platform defaults, layers and origins. */
import { al2023Kubelet, bottlerocketKubelet, flagsLayer, lookupKubelet } from "../../policies/kubelet-effective";

describe("effective kubelet", () => {
  const al2023 = (config: Record<string, unknown>, flags: string[] = []) => al2023Kubelet({ kubeletConfig: config, kubeletFlags: flags });

  it("falls back to nodeadm's base config.json on AL2023 and names the origin", () => {
    const k = al2023({ readOnlyPort: 0 });
    expect(lookupKubelet(k, ["readOnlyPort"])).toEqual({ value: 0, origin: "NodeConfig kubelet.config" });
    expect(lookupKubelet(k, ["authentication", "anonymous", "enabled"])).toEqual({ value: false, origin: "nodeadm base config.json" });
    expect(lookupKubelet(k, ["evictionHard", "memory.available"])).toEqual({ value: "100Mi", origin: "nodeadm base config.json" });
    expect(lookupKubelet(k, ["rotateCertificates"])).toEqual({ value: undefined });
  });

  it("lets flags win, a map flag replacing the whole map", () => {
    const k = al2023({ evictionHard: { "memory.available": "200Mi", "nodefs.available": "10%" } }, ["--eviction-hard=memory.available<300Mi", "--anonymous-auth"]);
    expect(lookupKubelet(k, ["evictionHard"])).toEqual({ value: { "memory.available": "300Mi" }, origin: "NodeConfig kubelet.flags" });
    expect(lookupKubelet(k, ["evictionHard", "nodefs.available"])).toEqual({ value: undefined, origin: "NodeConfig kubelet.flags" });
    expect(lookupKubelet(k, ["authentication", "anonymous", "enabled"]).value).toBe(true);
    expect(flagsLayer(["--read-only-port=10255", "--protect-kernel-defaults=false", "--node-labels=x=y"]).config).toEqual({ readOnlyPort: 10255, protectKernelDefaults: false });
  });

  it("on Bottlerocket, built-in values win over settings and mapped settings are read back as kubelet fields", () => {
    const k = bottlerocketKubelet({ kubernetes: { "max-pods": 29, "memory-swap-behavior": "LimitedSwap" } });
    expect(lookupKubelet(k, ["maxPods"])).toEqual({ value: 29, origin: "Bottlerocket settings.kubernetes" });
    expect(lookupKubelet(k, ["memorySwap", "swapBehavior"]).value).toBe("LimitedSwap");
    expect(lookupKubelet(k, ["readOnlyPort"])).toEqual({ value: 0, origin: "Bottlerocket built-in" });
    expect(lookupKubelet(k, ["protectKernelDefaults"])).toEqual({ value: true, origin: "Bottlerocket built-in" });
  });
});
