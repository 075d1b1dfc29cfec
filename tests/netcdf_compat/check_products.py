#!/usr/bin/python3
"""Check a holodet results file's microphysics products the way a scientist opens them.

  check_products.py FILE [--per interval|hologram] [--sites N --site-holograms H]
                    [--truth ARCHIVE] [--plot-dir DIR]

Through xarray: Conventions = CF-1.10; long_name on every variable, units on every numeric
one (flag variables, which carry flag_masks or flag_values, and text excepted); the crowded
holograms per row between 0 and the row's holograms, and in a batch results file equal to the
hologram table's hologram_crowded; dNdD over (PER, size_bin)
with size_bin ascending and size_bin_edge one longer; counts summing to particles_counted and
number_concentration = particles_counted / sample_volume; ds.dNdD.plot() and a log-log
ds.run_dNdD.plot() drawing (matplotlib, Agg) into DIR when given.
--sites N: N artefact sites, each in H holograms; every particle flagged recurring_artefact
lies within 30 um of a site. --truth: no true particle of the archive is flagged as a
recurring artefact (matched within 10 um in x, y in its own hologram).
With --per interval, `interval` decodes as a CF time (datetime64) with bounds.

Exit status 0 on success (one line "OK: ..."), 1 with "FAIL: ..." otherwise.
"""

import argparse
import os
import sys
import warnings


class CheckFailed(Exception):
    pass


def fail(message):
    raise CheckFailed(message)


def check(args):
    import numpy as np
    import xarray as xr

    ds = xr.open_dataset(args.file)
    if ds.attrs.get("Conventions") != "CF-1.10":
        fail("Conventions is %r, not CF-1.10" % ds.attrs.get("Conventions"))
    for name, variable in list(ds.variables.items()):
        attrs = variable.attrs
        if "long_name" not in attrs:
            fail("variable %s has no long_name" % name)
        numeric = variable.dtype.kind in "iuf"
        if name == "interval" and variable.dtype.kind == "M":
            continue  # a decoded CF time: xarray moved its units into encoding
        flags = "flag_masks" in attrs or "flag_values" in attrs
        if numeric and not flags and "units" not in attrs:
            fail("numeric variable %s has no units" % name)
    per = args.per
    if ds["dNdD"].dims != (per, "size_bin"):
        fail("dNdD has dimensions %s, expected (%s, size_bin)" % (ds["dNdD"].dims, per))
    bins = ds["size_bin"].values
    if not np.all(np.diff(bins) > 0):
        fail("size_bin does not ascend")
    if ds["size_bin_edge"].size != bins.size + 1:
        fail("size_bin_edge is not one longer than size_bin")
    counted = ds["counts"].sum("size_bin").values
    if not np.array_equal(counted, ds["particles_counted"].values):
        fail("counts do not sum to particles_counted")
    volume = ds["sample_volume"].values
    with np.errstate(invalid="ignore", divide="ignore"):
        expected = np.where(volume > 0, counted / volume, np.nan)
    got = ds["number_concentration"].values
    if not np.allclose(got, expected, rtol=1e-12, equal_nan=True):
        fail("number_concentration is not particles_counted / sample_volume")
    crowded = ds["holograms_crowded"].values
    if np.any(crowded < 0) or np.any(crowded > ds["holograms"].values):
        fail("holograms_crowded is not between 0 and the row's holograms")
    if "hologram_crowded" in ds:  # a batch results file: the hologram table's own flag
        flag = ds["hologram_crowded"]
        if not set(np.unique(flag.values)) <= set(np.asarray(flag.attrs["flag_values"]).tolist()):
            fail("hologram_crowded holds values outside its flag_values")
        if per == "hologram" and not np.array_equal(crowded, (flag.values == 1).astype(int)):
            fail("holograms_crowded per hologram is not hologram_crowded == 1")
        if ds.attrs["run_holograms_crowded"] != int((flag.values == 1).sum()):
            fail("run_holograms_crowded does not count the crowded holograms")
    if per == "interval":
        if ds["interval"].dtype.kind != "M":
            fail("interval did not decode as a CF time (dtype %s)" % ds["interval"].dtype)
        if "interval_bounds" not in ds:
            fail("no interval_bounds")

    if args.sites is not None:
        if ds.sizes.get("artefact_site", 0) != args.sites:
            fail("%d artefact sites, expected %d" % (ds.sizes.get("artefact_site", 0), args.sites))
        holograms = ds["artefact_holograms"].values
        if args.site_holograms is not None and not np.all(holograms == args.site_holograms):
            fail("artefact sites appear in %s holograms, expected %d each"
                 % (holograms.tolist(), args.site_holograms))
        flag = ds["particle_flag"].values
        recurring = (flag & 2) != 0
        sx, sy = ds["artefact_x"].values, ds["artefact_y"].values
        for x, y in zip(ds["x"].values[recurring], ds["y"].values[recurring]):
            if sx.size == 0 or np.min(np.hypot(sx - x, sy - y)) > 30:
                fail("a particle at (%.1f, %.1f) is flagged recurring but near no site" % (x, y))
        if args.site_holograms is not None and recurring.sum() < args.sites * args.site_holograms:
            fail("%d particles flagged recurring, fewer than the sites' %d appearances"
                 % (recurring.sum(), args.sites * args.site_holograms))

    if args.truth:
        truth = xr.open_dataset(args.truth)
        flag = ds["particle_flag"].values
        recurring = (flag & 2) != 0
        hid = ds["hid"].values[recurring]
        x, y = ds["x"].values[recurring], ds["y"].values[recurring]
        thid, tx, ty = truth["hid"].values, truth["x"].values, truth["y"].values
        for h, px, py in zip(hid, x, y):
            same = thid == h
            if same.any() and np.min(np.hypot(tx[same] - px, ty[same] - py)) < 10:
                fail("a true particle of hologram %d at (%.1f, %.1f) is flagged as an artefact"
                     % (h, px, py))

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    ds.dNdD.plot()
    if args.plot_dir:
        plt.savefig(os.path.join(args.plot_dir, "dNdD.png"))
    plt.close("all")
    ds.run_dNdD.plot(xscale="log", yscale="log")
    if args.plot_dir:
        plt.savefig(os.path.join(args.plot_dir, "run_dNdD.png"))
    plt.close("all")
    return "%d %s rows, %d size bins, %d artefact sites" % (
        ds.sizes[per], per, bins.size, ds.sizes.get("artefact_site", 0))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--per", choices=("hologram", "interval"), default="hologram")
    parser.add_argument("--sites", type=int)
    parser.add_argument("--site-holograms", type=int)
    parser.add_argument("--truth")
    parser.add_argument("--plot-dir")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    try:
        print("OK: " + check(args))
        return 0
    except CheckFailed as failure:
        print("FAIL: %s" % failure)
        return 1


if __name__ == "__main__":
    sys.exit(main())
