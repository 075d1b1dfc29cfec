#!/usr/bin/python3
"""Check that a file opens as proper NetCDF4 with Python's netCDF4 and xarray.

Used by holodet's test-suite to prove that the files the C++ code writes (and
the archives it reads) are what the Python ecosystem expects.

  check_netcdf.py particles FILE --count N [--expect-global KEY=VALUE ...] [--dump]
      dimension `particle` of length N; variables hid, x, y, z, d, each 1-D over
      `particle`, numeric, finite, with a `units` attribute (micrometres for
      x, y, z, d: "microns", "um", "µm", "micrometer(s)", ...; hid: "unitless",
      "1", "" or no units); the same variables read back through xarray.

  check_netcdf.py archive FILE --holograms N --nx NX --ny NY [--count P]
                  [--expect-global KEY=VALUE ...] [--dump]
      dimensions hologram_number, xsize, ysize, particle; image(hologram_number,
      xsize, ysize) uint8 of shape (N, NX, NY); hid, x, y, z, d float32 over
      `particle` with `longname` and `units`; first and last image decode;
      the same through xarray.

  check_netcdf.py volume FILE --planes NZ --nx NX --ny NY --z-um Z1,Z2,... [--phase]
      a reconstruction volume: coordinates z, x, y (float64, units um) with the
      given z values and x = (i - NX/2)*2.96, y likewise; amplitude(z, x, y)
      float32 (and phase with --phase); min_amplitude and depth_um over (x, y);
      through xarray, ds.amplitude.sel(z=Z1) is a finite NX x NY plane and the
      minimum over z equals min_amplitude.

--expect-global KEY=VALUE: the global attribute KEY must exist and equal VALUE:
numerically (relative tolerance 1e-9) when both parse as numbers, else as the
string str(attribute).

Exit status 0 on success (prints one "OK: ..." line), 1 on failure with one line
"FAIL: <what is wrong>", 2 on a usage error.  Run with /usr/bin/python3 (Debian's,
which has netCDF4 and xarray).
"""

import argparse
import os
import sys
import warnings

PARTICLE_VARS = ("hid", "x", "y", "z", "d")
MICRON_UNITS = {"microns", "micron", "um", "µm", "μm", "micrometer", "micrometers",
                "micrometre", "micrometres", "1e-6 m", "1e-06 m"}
HID_UNITS = {"", "1", "unitless", "none", "-", "count", "index"}


class CheckFailed(Exception):
    pass


def fail(msg):
    raise CheckFailed(msg)


def scalar_attr(value):
    """netCDF4 returns 1-element numeric attributes as numpy scalars or arrays."""
    try:
        import numpy as np
        if isinstance(value, np.ndarray) and value.size == 1:
            return value.reshape(()).item()
        if isinstance(value, np.generic):
            return value.item()
    except ImportError:
        pass
    return value


def as_float(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def check_expect_globals(ds, expects):
    names = ds.ncattrs()
    for item in expects:
        if "=" not in item:
            fail("--expect-global %r is not KEY=VALUE" % item)
        key, want = item.split("=", 1)
        if key not in names:
            fail("global attribute %r missing (have %d: %s)"
                 % (key, len(names), ", ".join(names) if names else "none"))
        got = scalar_attr(ds.getncattr(key))
        got_text = got if isinstance(got, str) else str(got)
        a, b = as_float(got_text), as_float(want)
        if isinstance(got, bool):
            a = float(got)
        if a is not None and b is not None:
            if not (a == b or abs(a - b) <= 1e-9 * max(abs(a), abs(b))):
                fail("global attribute %s = %r, expected %s" % (key, got, want))
        elif got_text != want:
            fail("global attribute %s = %r, expected %r" % (key, got_text, want))


def open_netcdf4(path):
    import netCDF4
    if not os.path.exists(path):
        fail("%s does not exist" % path)
    try:
        return netCDF4.Dataset(path, "r")
    except Exception as e:  # noqa: BLE001 - report whatever the library says
        fail("netCDF4 cannot open %s: %s" % (path, one_line(e)))


def one_line(e):
    text = "%s: %s" % (type(e).__name__, e)
    return " ".join(text.split())


def describe_dims(ds):
    return ", ".join("%s=%d" % (k, len(v)) for k, v in ds.dimensions.items()) or "none"


def require_dim(ds, name, length):
    if name not in ds.dimensions:
        hint = ""
        if any(k.startswith("phony_dim") for k in ds.dimensions):
            hint = " (phony dimensions: the HDF5 datasets have no attached netCDF dimension scales)"
        fail("no dimension %r; dimensions are: %s%s" % (name, describe_dims(ds), hint))
    got = len(ds.dimensions[name])
    if length is not None and got != length:
        fail("dimension %r has length %d, expected %d" % (name, got, length))
    return got


def check_particle_var(ds, name, count, require_float32, require_longname):
    import numpy as np
    if name not in ds.variables:
        fail("variable %r missing (variables: %s)" % (name, ", ".join(ds.variables) or "none"))
    v = ds.variables[name]
    if tuple(v.dimensions) != ("particle",):
        fail("variable %r has dimensions %s, expected ('particle',)" % (name, tuple(v.dimensions)))
    if v.dtype.kind not in "fiu":
        fail("variable %r has non-numeric type %s" % (name, v.dtype))
    if require_float32 and v.dtype != np.float32:
        fail("variable %r is %s, expected float32" % (name, v.dtype))
    attrs = v.ncattrs()
    if require_longname and "longname" not in attrs:
        fail("variable %r has no 'longname' attribute" % name)
    if "units" in attrs:
        units = scalar_attr(v.getncattr("units"))
        if not isinstance(units, str):
            fail("variable %r: 'units' is %s %r, expected a string" % (name, type(units).__name__, units))
        norm = units.strip().lower()
        if name == "hid":
            if norm not in HID_UNITS:
                fail("variable 'hid' has units %r, expected unitless" % units)
        elif norm not in MICRON_UNITS:
            fail("variable %r has units %r, expected micrometres (e.g. 'microns', 'um', 'µm')"
                 % (name, units))
    elif name != "hid":
        fail("variable %r has no 'units' attribute" % name)
    v.set_auto_maskandscale(True)
    data = np.ma.filled(np.ma.asarray(v[:]).astype(np.float64), np.nan)
    if data.shape != (count,):
        fail("variable %r reads back with shape %s, expected (%d,)" % (name, data.shape, count))
    if not np.all(np.isfinite(data)):
        bad = int(np.count_nonzero(~np.isfinite(data)))
        fail("variable %r has %d non-finite or fill values" % (name, bad))
    return data


def check_xarray(path, names, count, values, image_shape=None):
    import numpy as np
    import xarray as xr
    try:
        x = xr.open_dataset(path, engine="netcdf4")
    except Exception as e:  # noqa: BLE001
        fail("xarray cannot open %s: %s" % (path, one_line(e)))
    try:
        if count is not None and x.sizes.get("particle") != count:
            fail("xarray sees particle dimension %r, expected %d" % (x.sizes.get("particle"), count))
        for name in names:
            if name not in x.variables:
                fail("xarray does not see variable %r" % name)
            da = x[name]
            if da.dims != ("particle",):
                fail("xarray: %r has dims %s, expected ('particle',)" % (name, da.dims))
            got = np.asarray(da.values, dtype=np.float64)
            if not np.array_equal(got, values[name], equal_nan=True):
                fail("xarray reads different values for %r than netCDF4" % name)
        if image_shape is not None:
            img = x["image"]
            if img.dims != ("hologram_number", "xsize", "ysize") or img.shape != image_shape:
                fail("xarray: image has dims %s shape %s, expected (hologram_number, xsize, ysize) %s"
                     % (img.dims, img.shape, image_shape))
            first = np.asarray(img.isel(hologram_number=0).values)
            if first.shape != image_shape[1:]:
                fail("xarray: image[0] has shape %s" % (first.shape,))
    finally:
        x.close()


def check_dimension_scales(path, expected):
    """netCDF4 maps an HDF5 dataset WITHOUT an attached dimension scale to any
    dimension of the same length (or a phony one), so a missing attachment can
    pass unnoticed; look at the HDF5 DIMENSION_LIST directly.
    expected: {variable: (dimension names...)}"""
    try:
        import h5py
    except ImportError:
        return
    try:
        f = h5py.File(path, "r")
    except Exception:  # noqa: BLE001 - not HDF5 (netCDF classic): nothing to check
        return
    with f:
        for var, dims in expected.items():
            if var not in f:
                fail("HDF5 dataset %r missing" % var)
            ds = f[var]
            for axis, dim in enumerate(dims):
                scales = ds.dims[axis]
                if len(scales) == 0:
                    fail("variable %r axis %d has no attached dimension scale (no DIMENSION_LIST): "
                         "netCDF4 only guessed %r from its length" % (var, axis, dim))
                got = scales[0].name.lstrip("/")
                if got != dim:
                    fail("variable %r axis %d is attached to dimension scale %r, expected %r"
                         % (var, axis, got, dim))


def dump(ds, path):
    import numpy as np
    print("file: %s (%d bytes), %s / %s" % (path, os.path.getsize(path), ds.data_model, ds.disk_format))
    print("dimensions: %s" % describe_dims(ds))
    for name, v in ds.variables.items():
        extra = []
        for a in ("units", "longname"):
            if a in v.ncattrs():
                extra.append("%s=%r" % (a, v.getncattr(a)))
        filt = v.filters() or {}
        comp = [k for k in ("zlib", "shuffle") if filt.get(k)]
        if filt.get("zlib"):
            comp.append("complevel=%s" % filt.get("complevel"))
        print("  %-10s %-8s %-40s %s %s%s" % (name, v.dtype, "(" + ", ".join(v.dimensions) + ")",
                                             " ".join(extra),
                                             "chunks=%s " % (v.chunking(),) if v.chunking() != "contiguous" else "",
                                             ",".join(comp)))
    attrs = ds.ncattrs()
    print("global attributes (%d):" % len(attrs))
    for a in attrs:
        print("  %s = %r" % (a, scalar_attr(ds.getncattr(a))))
    have = [n for n in PARTICLE_VARS if n in ds.variables]
    if "particle" in ds.dimensions and have:
        n = len(ds.dimensions["particle"])
        print("particles (first %d of %d):" % (min(n, 5), n))
        print("  " + " ".join("%10s" % h for h in have))
        cols = [np.ma.filled(np.ma.asarray(ds.variables[h][:5]).astype(float), np.nan) for h in have]
        for i in range(min(n, 5)):
            print("  " + " ".join("%10.2f" % c[i] for c in cols))


def run_particles(a):
    ds = open_netcdf4(a.file)
    try:
        if a.dump:
            dump(ds, a.file)
        count = require_dim(ds, "particle", a.count)
        values = {n: check_particle_var(ds, n, count, False, False) for n in PARTICLE_VARS}
        check_expect_globals(ds, a.expect_global or [])
    finally:
        ds.close()
    check_dimension_scales(a.file, {n: ("particle",) for n in PARTICLE_VARS})
    check_xarray(a.file, PARTICLE_VARS, count, values)
    return "%s: %d particles, netCDF4 and xarray agree" % (a.file, count)


def run_archive(a):
    import numpy as np
    ds = open_netcdf4(a.file)
    try:
        if a.dump:
            dump(ds, a.file)
        require_dim(ds, "hologram_number", a.holograms)
        require_dim(ds, "xsize", a.nx)
        require_dim(ds, "ysize", a.ny)
        count = require_dim(ds, "particle", a.count)
        if "image" not in ds.variables:
            fail("variable 'image' missing (variables: %s)" % ", ".join(ds.variables))
        img = ds.variables["image"]
        if tuple(img.dimensions) != ("hologram_number", "xsize", "ysize"):
            fail("image has dimensions %s, expected ('hologram_number', 'xsize', 'ysize')"
                 % (tuple(img.dimensions),))
        if img.dtype != np.uint8:
            fail("image is %s, expected uint8" % img.dtype)
        shape = (a.holograms, a.nx, a.ny)
        if tuple(img.shape) != shape:
            fail("image has shape %s, expected %s" % (tuple(img.shape), shape))
        img.set_auto_maskandscale(False)
        for h in sorted({0, a.holograms - 1}):
            try:
                frame = np.asarray(img[h, :, :])
            except Exception as e:  # noqa: BLE001
                fail("cannot read image[%d]: %s" % (h, one_line(e)))
            if frame.shape != (a.nx, a.ny):
                fail("image[%d] reads back with shape %s" % (h, frame.shape))
        values = {n: check_particle_var(ds, n, count, True, True) for n in PARTICLE_VARS}
        hid = values["hid"]
        if count and (hid.min() < 1 or hid.max() > a.holograms or np.any(hid != np.round(hid))):
            fail("hid values must be integers in [1, %d], found range [%g, %g]"
                 % (a.holograms, hid.min(), hid.max()))
        check_expect_globals(ds, a.expect_global or [])
    finally:
        ds.close()
    expected = {n: ("particle",) for n in PARTICLE_VARS}
    expected["image"] = ("hologram_number", "xsize", "ysize")
    check_dimension_scales(a.file, expected)
    check_xarray(a.file, PARTICLE_VARS, count, values, image_shape=shape)
    return "%s: archive of %d holograms %dx%d, %d particles" % (a.file, a.holograms, a.nx, a.ny, count)


def run_volume(a):
    import numpy as np
    import xarray as xr
    z_um = [float(v) for v in a.z_um.split(",")]
    ds = open_netcdf4(a.file)
    check_expect_globals(ds, a.expect_global)
    for name, length in (("z", a.planes), ("x", a.nx), ("y", a.ny)):
        require_dim(ds, name, length)
        var = ds.variables.get(name)
        if var is None or str(getattr(var, "units", "")) != "um":
            fail("%s: coordinate variable %s missing or without units um" % (a.file, name))
    kinds = ["amplitude"] + (["phase"] if a.phase else [])
    for name in kinds:
        var = ds.variables.get(name)
        if var is None or var.dimensions != ("z", "x", "y") or var.dtype != np.float32:
            fail("%s: %s is not float32 over (z, x, y)" % (a.file, name))
    ds.close()
    with xr.open_dataset(a.file) as x:
        if not np.allclose(x["z"].values, z_um):
            fail("%s: z is %s, expected %s" % (a.file, list(x["z"].values), z_um))
        expect_x = (np.arange(a.nx) - a.nx / 2.0) * 2.96
        if not np.allclose(x["x"].values, expect_x, atol=1e-6):
            fail("%s: x coordinates are not (i - Nx/2)*dx" % a.file)
        plane = x["amplitude"].sel(z=z_um[0]).values
        if plane.shape != (a.nx, a.ny) or not np.all(np.isfinite(plane)):
            fail("%s: amplitude at z=%g is not a finite %dx%d plane" % (a.file, z_um[0], a.nx, a.ny))
        minimum = x["amplitude"].min(dim="z").values
        if not np.allclose(minimum, x["min_amplitude"].values, rtol=1e-6, atol=1e-6):
            fail("%s: min_amplitude is not the minimum of amplitude over z" % a.file)
        if x["depth_um"].dims != ("x", "y"):
            fail("%s: depth_um is over %s, expected (x, y)" % (a.file, x["depth_um"].dims))
    return "%s: volume of %d planes %dx%d (%s)" % (a.file, a.planes, a.nx, a.ny, ", ".join(kinds))


def main(argv=None):
    ap = argparse.ArgumentParser(description="Check a NetCDF4 file with netCDF4 and xarray.")
    sub = ap.add_subparsers(dest="mode", required=True)
    p = sub.add_parser("particles", help="a particle table written by holodet")
    p.add_argument("file")
    p.add_argument("--count", type=int, required=True, help="expected length of dimension 'particle'")
    a = sub.add_parser("archive", help="a HOLODEC hologram archive")
    a.add_argument("file")
    a.add_argument("--holograms", type=int, required=True)
    a.add_argument("--nx", type=int, required=True)
    a.add_argument("--ny", type=int, required=True)
    a.add_argument("--count", type=int, default=None, help="expected number of particles (optional)")
    v = sub.add_parser("volume", help="a reconstruction volume written by holodet reconstruct")
    v.add_argument("file")
    v.add_argument("--planes", type=int, required=True)
    v.add_argument("--nx", type=int, required=True)
    v.add_argument("--ny", type=int, required=True)
    v.add_argument("--z-um", required=True, help="the planes' depths, comma-separated")
    v.add_argument("--phase", action="store_true")
    for s in (p, a, v):
        s.add_argument("--expect-global", action="append", metavar="KEY=VALUE",
                       help="global attribute that must equal VALUE (repeatable)")
        s.add_argument("--dump", action="store_true", help="print a short summary of the file")
    args = ap.parse_args(argv)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            run = {"particles": run_particles, "archive": run_archive, "volume": run_volume}
            msg = run[args.mode](args)
    except CheckFailed as e:
        print("FAIL: %s" % e)
        return 1
    except Exception as e:  # noqa: BLE001 - any other error is a failed check too
        print("FAIL: unexpected error checking %s: %s" % (args.file, one_line(e)))
        return 1
    print("OK: %s" % msg)
    return 0


if __name__ == "__main__":
    sys.exit(main())
