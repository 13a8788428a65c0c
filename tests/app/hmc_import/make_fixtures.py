#!/usr/bin/python3
"""Writes the 3-system estate fixtures of tests/app/hmc_import in both HMC output forms.

One table of records per command; `estate-default/` holds the default attribute=value form and
`estate-F/` the `-F attr,…` comma-separated form of the very same values. Attribute names follow
IBM's HMC command reference (lssyscfg, lshwres, lslparmigr; pages cited in app/hmc_import/HMC_IMPORT.md).
HMC quoting: a value containing a comma is wrapped in double quotes (the whole attribute=value item
in the default form). Run from the repository root: /usr/bin/python3 tests/app/hmc_import/make_fixtures.py
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
SYSTEMS = {"sysA": "9105-42A", "sysB": "9105-42A", "sysC": "9080-HEX"}
SERIAL = {"sysA": "78A1001", "sysB": "78B2002", "sysC": "78C3003"}
COMPAT = "default,POWER8,POWER9_base,POWER9,Power10"


def sys_records():
    return [dict(name=s, type_model=tm, serial_num=SERIAL[s], ipaddr=f"10.0.0.{i + 1}",
                 state="Operating", active_lpar_mobility_capable="1",
                 inactive_lpar_mobility_capable="1", lpar_proc_compat_modes=COMPAT,
                 virtual_fc_capable="1", os400_capable="1", max_lpars="240")
            for i, (s, tm) in enumerate(SYSTEMS.items())]


# Client partitions per system: (id, name, env, os_version, state, mem MB (min, cur, max),
# (mode, units, procs), compat (curr, desired)).
CLIENTS = {
    "sysA": [
        (10, "db01", "aixlinux", "AIX 7.3 7300-02-01-2346", "Running", (32768, 65536, 131072),
         ("shared", "2.0", "4"), ("POWER9", "default")),
        (11, "ibmi01", "os400", "IBM i Licensed Internal Code 7.5", "Running", (16384, 32768, 65536),
         ("ded", None, "2"), ("POWER9", "default")),
        (12, "app01", "aixlinux", "Unknown", "Not Activated", (8192, 16384, 32768),
         ("shared", "1.0", "2"), ("default", "default")),
    ],
    "sysB": [
        (10, "web01", "aixlinux", "Linux/Red Hat 5.14.0-284 9.2", "Running", (8192, 16384, 32768),
         ("shared", "0.5", "2"), ("POWER9", "default")),
    ],
    "sysC": [
        (10, "batch01", "aixlinux", "AIX 7.2 7200-05-06-2320", "Running", (16384, 32768, 65536),
         ("shared", "1.5", "3"), ("POWER9", "default")),
    ],
}

# Client virtual adapters: (lpar name, kind, client slot, vios id, vios slot, extra).
ADAPTERS = {
    "sysA": [("db01", "scsi", 2, 1, 20), ("db01", "scsi", 3, 2, 20),
             ("db01", "fc", 4, 1, 30), ("db01", "fc", 5, 2, 30), ("db01", "eth", 6, 100, None),
             ("ibmi01", "fc", 4, 1, 31), ("ibmi01", "fc", 5, 2, 31), ("ibmi01", "eth", 6, 200, None),
             ("app01", "scsi", 2, 1, 21), ("app01", "eth", 6, 100, None)],
    "sysB": [("web01", "scsi", 2, 1, 20), ("web01", "eth", 6, 100, "300")],
    "sysC": [("batch01", "fc", 4, 1, 30), ("batch01", "fc", 5, 2, 30), ("batch01", "eth", 6, 100, None)],
}


def partitions(system):
    out = []
    for vid in (1, 2):
        out.append((vid, f"{system}-vios{vid}", "vioserver", "VIOS 4.1.0.10", "Running",
                    (4096, 8192, 16384), ("shared", "1.0", "2"), ("default", "default")))
    return out + CLIENTS[system]


def name_of(system, lpar_id):
    return next(p[1] for p in partitions(system) if p[0] == lpar_id)


def lpar_records(system):
    rows = []
    for (pid, name, env, osv, state, _mem, _proc, (curr, desired)) in partitions(system):
        running = state == "Running"
        rows.append(dict(name=name, lpar_id=str(pid), lpar_env=env, state=state,
                         resource_config="1", os_version=osv, logical_serial_num=f"{SERIAL[system]}{pid:02d}",
                         default_profile="default", curr_profile="default",
                         rmc_state="active" if running and env != "os400" else "inactive",
                         curr_lpar_proc_compat_mode=curr if running else "default",
                         desired_lpar_proc_compat_mode=desired, redundant_err_path_reporting="0",
                         msp="1" if env == "vioserver" else "0", migration_disabled="0"))
    return rows


def mem_lpar_records(system):
    rows = []
    for (pid, name, _env, _osv, state, (lo, mid, hi), _p, _c) in partitions(system):
        running = state == "Running"
        rows.append(dict(lpar_name=name, lpar_id=str(pid), mem_mode="ded",
                         curr_min_mem=str(lo if running else 0), curr_mem=str(mid if running else 0),
                         curr_max_mem=str(hi if running else 0), pend_min_mem=str(lo),
                         pend_mem=str(mid), pend_max_mem=str(hi), run_min_mem=str(lo if running else 0),
                         run_mem=str(mid if running else 0), curr_num_huge_pages="0"))
    return rows


def proc_lpar_records(system):
    rows = []
    for (pid, name, _env, _osv, state, _m, (mode, units, procs), _c) in partitions(system):
        running = state == "Running"
        r = dict(lpar_name=name, lpar_id=str(pid), curr_shared_proc_pool_id="0",
                 curr_shared_proc_pool_name="DefaultPool", curr_proc_mode=mode if running else "")
        shared = mode == "shared"
        r["curr_min_proc_units"] = "0.1" if shared and running else ""
        r["curr_proc_units"] = (units if running else "0.0") if shared else ""
        r["curr_max_proc_units"] = "4.0" if shared and running else ""
        r["curr_min_procs"] = "1" if running else "0"
        r["curr_procs"] = procs if running else "0"
        r["curr_max_procs"] = "8" if running else "0"
        r["curr_sharing_mode"] = "uncap" if shared else "share_idle_procs"
        r["pend_proc_mode"] = mode
        r["pend_proc_units"] = units if shared else ""
        r["pend_procs"] = procs
        rows.append(r)
    return rows


def wwpns(system, name, slot):
    base = {"sysA": 0xa000, "sysB": 0xb000, "sysC": 0xc000}[system] + 0x100 * slot
    h = sum(map(ord, name)) % 256
    return f"c0507609{base + h:04x}{slot:02x}{h:02x},c0507609{base + h:04x}{slot:02x}{h + 1:02x}"


def io_records(system, kind):
    rows = []
    ids = {p[1]: p[0] for p in partitions(system)}
    for (lpar, k, slot, a, b, *extra) in ADAPTERS[system]:
        if k != kind:
            continue
        if kind == "eth":
            addl = b or ""
            rows.append(dict(lpar_name=lpar, lpar_id=str(ids[lpar]), slot_num=str(slot), state="1",
                             is_required="0", is_trunk="0", ieee_virtual_eth="1" if addl else "0",
                             port_vlan_id=str(a), vswitch="ETHERNET0", addl_vlan_ids=addl,
                             mac_addr=f"FA{ids[lpar]:02X}{slot:02X}00{a % 256:02X}0{len(lpar)}"))
            continue
        r = dict(lpar_name=lpar, lpar_id=str(ids[lpar]), slot_num=str(slot), state="1",
                 is_required="0", adapter_type="client", remote_lpar_id=str(a),
                 remote_lpar_name=name_of(system, a), remote_slot_num=str(b))
        if kind == "fc":
            r["wwpns"] = wwpns(system, lpar, slot)
        rows.append(r)
    # The VIOS side: one server adapter per client adapter, then (eth) the SEA trunk and MSP adapters.
    for (lpar, k, slot, a, b, *extra) in ADAPTERS[system]:
        if k != kind or kind == "eth":
            continue
        r = dict(lpar_name=name_of(system, a), lpar_id=str(a), slot_num=str(b), state="1",
                 is_required="0", adapter_type="server", remote_lpar_id=str(ids[lpar]),
                 remote_lpar_name=lpar, remote_slot_num=str(slot))
        if kind == "fc":
            r["wwpns"] = ""
        rows.append(r)
    if kind == "eth":
        for vid in (1, 2):
            v = f"{system}-vios{vid}"
            rows.append(dict(lpar_name=v, lpar_id=str(vid), slot_num="10", state="1", is_required="0",
                             is_trunk="1", trunk_priority=str(vid), ieee_virtual_eth="1", port_vlan_id="1",
                             vswitch="ETHERNET0", addl_vlan_ids="100,200,300",
                             mac_addr=f"FA00{vid:02X}0A0001"))
            rows.append(dict(lpar_name=v, lpar_id=str(vid), slot_num="11", state="1", is_required="0",
                             is_trunk="0", ieee_virtual_eth="0", port_vlan_id="999",
                             vswitch="ETHERNET0", addl_vlan_ids="", mac_addr=f"FA00{vid:02X}0B0001"))
    return rows


# Physical I/O slots (lshwres -r io --rsubtype slot): (slot, owner id or None, description,
# feature codes, PCI vendor/device, PCI class). Each VIOS owns an FC and an Ethernet adapter (its
# NPIV ports and SEA backing, by design); batch01 on sysC owns a dedicated FC adapter, so it cannot
# migrate actively; one slot per system is free.
SLOTS = {
    "sysA": [], "sysB": [],
    "sysC": [(5, 10, "8 Gigabit PCI Express Dual Port Fibre Channel Adapter", "5735",
              ("10df", "f100"), "0c04")],
}
UNIT = {"sysA": "U78D3.001.WZS0A01", "sysB": "U78D3.001.WZS0B02", "sysC": "U78D8.001.WZS0C03"}


def slot_records(system):
    rows = []
    slots = [(1, 1, "PCIe3 4-Port 16Gb FC Adapter", "EN1A,EN1B", ("10df", "e300"), "0c04"),
             (2, 1, "PCIe2 4-port (10Gb+1GbE) SR+RJ45 Adapter", "EN0S", ("14e4", "168e"), "0200"),
             (3, 2, "PCIe3 4-Port 16Gb FC Adapter", "EN1A,EN1B", ("10df", "e300"), "0c04"),
             (4, 2, "PCIe2 4-port (10Gb+1GbE) SR+RJ45 Adapter", "EN0S", ("14e4", "168e"), "0200")]
    slots += SLOTS[system] + [(6, None, "Empty slot", "", ("ffff", "ffff"), "ffff")]
    for (slot, owner, desc, codes, (vendor, device), pci_class) in slots:
        rows.append(dict(unit_phys_loc=UNIT[system], bus_id=str(slot + 511), phys_loc=f"C{slot}",
                         drc_index=f"210{slot + 1:02d}200",
                         lpar_name=name_of(system, owner) if owner else None,
                         lpar_id=str(owner) if owner else "none", slot_io_pool_id="none",
                         description=desc, feature_codes=codes, pci_vendor_id=vendor,
                         pci_device_id=device, pci_subs_vendor_id="1014",
                         pci_subs_device_id="0000", pci_class=pci_class, pci_revision_id="01",
                         bus_grouping="0", iop="0", parent_slot_drc_index="none",
                         drc_name=f"{UNIT[system]}-P1-C{slot}"))
    return rows


def mem_sys(system):
    return [dict(configurable_sys_mem="1048576", curr_avail_sys_mem="786432",
                 pend_avail_sys_mem="786432", installed_sys_mem="1048576",
                 max_capacity_sys_mem="1048576", deconfig_sys_mem="0", sys_firmware_mem="24576",
                 mem_region_size="256", configurable_num_sys_huge_pages="0", huge_page_size="16384")]


def proc_sys(system):
    return [dict(configurable_sys_proc_units="48.0", curr_avail_sys_proc_units="36.5",
                 pend_avail_sys_proc_units="36.5", installed_sys_proc_units="48.0",
                 deconfig_sys_proc_units="0", min_proc_units_per_virtual_proc="0.05",
                 max_virtual_procs_per_lpar="240", max_procs_per_lpar="48")]


def migr_sys(system):
    return [dict(inactive_lpar_mobility_capable="1", num_inactive_migrations_supported="16",
                 num_inactive_migrations_in_progress="0", active_lpar_mobility_capable="1",
                 num_active_migrations_supported="16", num_active_migrations_in_progress="0",
                 inactive_prof_policy="config")]


def msp_records(src, dst):
    ip = {"sysA": 1, "sysB": 2, "sysC": 3}
    rows = []
    for sv in (1, 2):
        maps = ",".join(f"10.10.{ip[src]}.{10 + sv}//{dv}/{dst}-vios{dv}/10.10.{ip[dst]}.{10 + dv}/"
                        for dv in (1, 2))
        rows.append(dict(source_msp_name=f"{src}-vios{sv}", source_msp_id=str(sv),
                         dest_msp_names=f"{dst}-vios1,{dst}-vios2", dest_msp_ids="1,2",
                         ipaddr_mappings=maps))
    return rows


def quote(value):
    return f'"{value}"' if "," in value or '"' in value else value


def render(command, rows, form):
    if not rows:  # what the HMC prints for an empty listing
        names = "lpar_name,lpar_id,slot_num,state,is_required,adapter_type,remote_lpar_id"
        return f"# {command}{'' if form == 'default' else ' -F ' + names}\nNo results were found.\n"
    # None: an attribute with no value (the default form leaves it out, -F prints null).
    if form == "default":
        lines = [",".join(quote(f"{k}={v}") for k, v in r.items() if v is not None) for r in rows]
        return f"# {command}\n" + "\n".join(lines) + "\n"
    names = list(rows[0].keys())
    lines = [",".join(quote(r[n] if r[n] is not None else "null") for n in names) for r in rows]
    return f"# {command} -F {','.join(names)}\n" + "\n".join(lines) + "\n"


def main():
    for form, folder in (("default", "estate-default"), ("F", "estate-F")):
        path = os.path.join(HERE, "fixtures", folder)
        os.makedirs(path, exist_ok=True)
        with open(os.path.join(path, "systems.txt"), "w") as f:
            f.write(render("lssyscfg -r sys", sys_records(), form))
        for s in SYSTEMS:
            with open(os.path.join(path, f"{s}.txt"), "w") as f:
                f.write(render(f"lssyscfg -r lpar -m {s}", lpar_records(s), form))
                f.write(render(f"lshwres -r mem -m {s} --level sys", mem_sys(s), form))
                f.write(render(f"lshwres -r mem -m {s} --level lpar", mem_lpar_records(s), form))
                f.write(render(f"lshwres -r proc -m {s} --level sys", proc_sys(s), form))
                f.write(render(f"lshwres -r proc -m {s} --level lpar", proc_lpar_records(s), form))
                for kind in ("scsi", "fc", "eth"):
                    f.write(render(f"lshwres -r virtualio --rsubtype {kind} --level lpar -m {s}",
                                   io_records(s, kind), form))
                f.write(render(f"lshwres -r io --rsubtype slot -m {s}", slot_records(s), form))
                f.write(render(f"lslparmigr -r sys -m {s}", migr_sys(s), form))
        with open(os.path.join(path, "msp-pairs.txt"), "w") as f:
            for src in SYSTEMS:
                for dst in SYSTEMS:
                    if src != dst:
                        f.write(render(f"lslparmigr -r msp -m {src} -t {dst}", msp_records(src, dst), form))


if __name__ == "__main__":
    main()
