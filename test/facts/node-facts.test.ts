/** The node-level facts shipped as data: the kubelet's kernel tunables, nodeadm / Bottlerocket local storage, the Bottlerocket settings model. */
import {
  BOTTLEROCKET_EPHEMERAL_STORAGE, BOTTLEROCKET_NVIDIA_SETTINGS_GROUPS, BOTTLEROCKET_SETTINGS_GROUPS, KUBELET_KERNEL_TUNABLES, KUBELET_KERNEL_TUNABLES_SOURCE,
  NODEADM_LOCAL_STORAGE, NODE_LOCAL_STORAGE_SOURCES, isValidSysctlName, kubeletKernelTunable,
} from "../../components/facts";
import { BOTTLEROCKET_KUBERNETES_SETTINGS } from "../../components/kubelet";

describe("kubelet kernel tunables (setupKernelTunables)", () => {
  it("are the six sysctls with the values component-helpers defines, by their dotted names", () => {
    expect(KUBELET_KERNEL_TUNABLES).toEqual({
      "vm.overcommit_memory": 1, "vm.panic_on_oom": 0, "kernel.panic": 10, "kernel.panic_on_oops": 1,
      "kernel.keys.root_maxkeys": 1000000, "kernel.keys.root_maxbytes": 25000000,
    });
    for (const name of Object.keys(KUBELET_KERNEL_TUNABLES)) expect(isValidSysctlName(name)).toBe(true);
    expect(kubeletKernelTunable("vm.max_map_count")).toBeUndefined();
    expect(KUBELET_KERNEL_TUNABLES_SOURCE).toMatch(/^kubernetes\/kubernetes pkg\/kubelet\/cm\/container_manager_linux\.go \(setupKernelTunables\) @ [0-9a-f]{12}$/);
  });
});

describe("local storage", () => {
  it("maps our strategies to nodeadm's LocalStorageStrategy values (RAID10 is nodeadm's, not offered)", () => {
    expect(NODEADM_LOCAL_STORAGE.strategies).toEqual({ raid0: "RAID0", mount: "Mount" });
    expect(NODEADM_LOCAL_STORAGE.bindMounts).toEqual(expect.arrayContaining(["/var/lib/kubelet", "/var/lib/containerd", "/var/log/pods"]));
  });

  it("Bottlerocket: RAID0 only, from 1.22.0, binding containerd, the kubelet and pod logs", () => {
    expect(BOTTLEROCKET_EPHEMERAL_STORAGE).toEqual({ strategies: ["raid0"], minimumRelease: "1.22.0", bindDirs: ["/var/lib/containerd", "/var/lib/kubelet", "/var/log/pods"] });
  });

  it("names a repo, a path and a commit for every source", () => {
    for (const s of Object.values(NODE_LOCAL_STORAGE_SOURCES)) expect(s).toEqual({ repo: expect.stringMatching(/\//), path: expect.any(String), commit: expect.stringMatching(/^[0-9a-f]{40}$/), note: expect.any(String) });
  });
});

describe("Bottlerocket settings model", () => {
  it("has the aws-k8s groups, with motd a string and the kubernetes fields covering every kubelet key we map", () => {
    expect(Object.keys(BOTTLEROCKET_SETTINGS_GROUPS)).toEqual(expect.arrayContaining(["motd", "kubernetes", "kernel", "host-containers", "bootstrap-commands", "bootstrap-containers"]));
    expect(BOTTLEROCKET_SETTINGS_GROUPS.motd).toEqual({ type: "string" });
    const fields = BOTTLEROCKET_SETTINGS_GROUPS.kubernetes.fields ?? [];
    const mapped = Object.values(BOTTLEROCKET_KUBERNETES_SETTINGS.mapped).map((s) => s.key);
    expect(mapped.filter((k) => !fields.includes(k))).toEqual([]);
    expect(BOTTLEROCKET_SETTINGS_GROUPS["bootstrap-commands"].entries).toEqual(["commands", "essential", "mode"]);
    expect(BOTTLEROCKET_NVIDIA_SETTINGS_GROUPS).toEqual(["nvidia-container-runtime", "kubelet-device-plugins"]);
  });
});
