import {
  SAFE_SYSCTLS,
  SYSCTLS_SOURCE,
  checkAllowedUnsafeSysctl,
  isSafeSysctl,
  isValidSysctlName,
  isValidSysctlPattern,
  normalizeSysctlName,
  safeSysctls,
  sysctlNamespace,
} from "../../components/facts";

describe("kubelet sysctl data", () => {
  it("names its sources", () => {
    expect(SYSCTLS_SOURCE.repo).toBe("kubernetes/kubernetes");
    expect(SYSCTLS_SOURCE.paths).toContain("pkg/kubelet/sysctl/allowlist.go");
    expect(SAFE_SYSCTLS).toHaveLength(12);
  });
});

describe("sysctlNamespace", () => {
  it("node-level sysctls are not namespaced", () => {
    expect(sysctlNamespace("vm.max_map_count")).toBeUndefined();
    expect(sysctlNamespace("fs.inotify.max_user_watches")).toBeUndefined();
    expect(sysctlNamespace("kernel.pid_max")).toBeUndefined();
    expect(sysctlNamespace("kernel.hostname")).toBeUndefined();
    expect(sysctlNamespace("fs.mqueue")).toBeUndefined();
    expect(sysctlNamespace("net")).toBeUndefined();
  });

  it("net.* is net, IPC names and prefixes are ipc", () => {
    expect(sysctlNamespace("net.core.somaxconn")).toBe("net");
    expect(sysctlNamespace("kernel.shm_rmid_forced")).toBe("ipc");
    expect(sysctlNamespace("kernel.msgmax")).toBe("ipc");
    expect(sysctlNamespace("kernel.sem")).toBe("ipc");
    expect(sysctlNamespace("fs.mqueue.msg_max")).toBe("ipc");
  });

  it("models the 1.35 exact IPC list (kernel.shm_foo is not a prefix match)", () => {
    expect(sysctlNamespace("kernel.shm_foo")).toBeUndefined();
    expect(sysctlNamespace("kernel.shm*")).toBe("ipc");
    expect(sysctlNamespace("kernel.msg*")).toBe("ipc");
  });

  it("handles patterns and slash-separated names as the kubelet does", () => {
    expect(sysctlNamespace("net.ipv4.*")).toBe("net");
    expect(sysctlNamespace("net.*")).toBe("net");
    expect(sysctlNamespace("*")).toBeUndefined();
    expect(sysctlNamespace("vm.*")).toBeUndefined();
    expect(normalizeSysctlName("net/ipv4/conf/eno2.100/rp_filter")).toBe("net.ipv4.conf.eno2/100.rp_filter");
    expect(normalizeSysctlName("net.ipv4.conf.eno2/100.rp_filter")).toBe("net.ipv4.conf.eno2/100.rp_filter");
    expect(sysctlNamespace("net/core/somaxconn")).toBe("net");
  });
});

describe("name and pattern syntax", () => {
  it("accepts names, refuses bad ones", () => {
    expect(isValidSysctlName("net.core.somaxconn")).toBe(true);
    expect(isValidSysctlName("net/ipv4/conf/eno2.100/rp_filter")).toBe(true);
    expect(isValidSysctlName("net.ipv4.*")).toBe(false);
    expect(isValidSysctlName("Net.core.somaxconn")).toBe(false);
    expect(isValidSysctlName("net..core")).toBe(false);
    expect(isValidSysctlName("net.core.")).toBe(false);
    expect(isValidSysctlName("-net.core")).toBe(false);
    expect(isValidSysctlName("")).toBe(false);
    expect(isValidSysctlName(`net.${"a".repeat(250)}`)).toBe(false);
  });

  it("patterns may end in *, nowhere else", () => {
    expect(isValidSysctlPattern("net.ipv4.*")).toBe(true);
    expect(isValidSysctlPattern("kernel.shm*")).toBe(true);
    expect(isValidSysctlPattern("net.*.tcp")).toBe(false);
    expect(isValidSysctlPattern("net.core.somaxconn")).toBe(true);
  });
});

describe("checkAllowedUnsafeSysctl (kubelet start-up check)", () => {
  it("accepts namespaced names and patterns", () => {
    expect(checkAllowedUnsafeSysctl("net.ipv4.*")).toEqual({ ok: true, namespace: "net", prefix: true, normalized: "net.ipv4." });
    expect(checkAllowedUnsafeSysctl("net.core.somaxconn")).toEqual({ ok: true, namespace: "net", prefix: false, normalized: "net.core.somaxconn" });
    expect(checkAllowedUnsafeSysctl("kernel.msg*")).toMatchObject({ ok: true, namespace: "ipc" });
  });

  it("refuses node-level sysctls and bad syntax with the kubelet's words", () => {
    expect(checkAllowedUnsafeSysctl("vm.max_map_count")).toEqual({ ok: false, reason: 'the sysctls "vm.max_map_count" are not known to be namespaced' });
    expect(checkAllowedUnsafeSysctl("fs.inotify.*")).toEqual({ ok: false, reason: 'the sysctls "fs.inotify." are not known to be namespaced' });
    expect(checkAllowedUnsafeSysctl("Net.Core")).toMatchObject({ ok: false, reason: expect.stringMatching(/must have at most 253 characters/) });
  });
});

describe("isSafeSysctl", () => {
  it("by Kubernetes version", () => {
    expect(isSafeSysctl("net.ipv4.tcp_rmem", "1.31")).toBe(false);
    expect(isSafeSysctl("net.ipv4.tcp_rmem", "1.32")).toBe(true);
    expect(isSafeSysctl("net.ipv4.tcp_keepalive_time", "1.28")).toBe(false);
    expect(isSafeSysctl("net.ipv4.tcp_keepalive_time", "1.35.1")).toBe(true);
    expect(isSafeSysctl("kernel.shm_rmid_forced", "1.35")).toBe(true);
    expect(isSafeSysctl("net.core.somaxconn", "1.35")).toBe(false);
    expect(isSafeSysctl("vm.max_map_count", "1.35")).toBe(false);
    expect(safeSysctls("1.35")).toHaveLength(12);
    expect(safeSysctls("1.28")).toHaveLength(6);
  });

  it("by kernel version when given", () => {
    expect(isSafeSysctl("net.ipv4.tcp_fin_timeout", "1.35", "4.5.0")).toBe(false);
    expect(isSafeSysctl("net.ipv4.tcp_fin_timeout", "1.35", "6.1.112-124.190.amzn2023.x86_64")).toBe(true);
    expect(isSafeSysctl("net.ipv4.tcp_syncookies", "1.35", "3.10")).toBe(true);
  });

  it("throws on a malformed version", () => {
    expect(() => isSafeSysctl("net.ipv4.tcp_rmem", "latest")).toThrow(/not a Kubernetes version/);
  });
});

describe("loader", () => {
  afterEach(() => {
    jest.dontMock("../../components/facts/data/kubelet-sysctls.json");
    jest.resetModules();
  });

  it("refuses malformed data with the file and field in the message", async () => {
    jest.resetModules();
    jest.doMock("../../components/facts/data/kubelet-sysctls.json", () => ({
      source: { repo: "r", paths: ["p"], ref: "x", notes: "n" },
      namespaces: { exact: { "kernel.sem": "pid" }, prefixes: {} },
      names: { maxLength: 253, name: "^a$", allowlistPattern: "^a$" },
      safeSysctls: [],
    }));
    await expect(import("../../components/facts/sysctls")).rejects.toThrow(
      'data/kubelet-sysctls.json: namespaces.exact.kernel.sem must be one of ipc, net, uts, got "pid"',
    );
  });
});
