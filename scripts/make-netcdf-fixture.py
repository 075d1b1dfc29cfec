#!/usr/bin/python3
"""Write a small synthetic HOLODEC archive (NetCDF4/HDF5) for holodet's tests.

The file follows the layout of the published synthetic HOLODEC sets
(docs: /work/shared/holodec-format.md):

  dimensions  hologram_number (N), xsize (Nx), ysize (Ny), particle (N*P)
  image(hologram_number, xsize, ysize)  uint8, zlib level 4 (+shuffle, as the
                                        published files), chunks (1, Nx, Ny)
  hid, d, x, y, z, n0, mu, lam, distid  float32 (particle), attrs longname, units
  29 global attributes                  DateCreated + the scalar settings of the
                                        published simulator, same names/types

Coordinates: the image is stored [x][y] (x slower).  Pixel index i along xsize
has its centre at x = (i - Nx/2)*dx, j along ysize at y = (j - Ny/2)*dy; x, y,
z, d are written in micrometres ("microns"), z measured from the sensor.

Physics (numpy only): opaque disks, Babinet field at the sensor
    U = 1 - sum_k P_{z_k}[disk_k]
with each disk's analytic spectrum (pi d^2/4) 2 J1(pi d rho)/(pi d rho)
exp(-2 pi i (fx x0 + fy y0)) multiplied by the angular-spectrum transfer
function exp(i 2 pi z (sqrt(1/lambda^2 - f^2) - 1/lambda)) (carrier dropped,
evanescent waves removed, band-limited so nothing aliases), evaluated on a
frame padded 2x in each direction and cropped.  Intensity |U|^2, then the
camera model of the published sets: smooth beam non-uniformity of
fracBeamDistort, ccdelevel electrons at unit intensity, Poisson shot noise,
Gaussian read noise readNoiseSTD electrons, gain so that unit intensity sits at
half of full scale (2^(Nbits-1) counts), rounding, saturation, uint8.

Output is deterministic for a given seed (numpy PCG64 generator).
"""

import argparse
import math
import os
import sys

import numpy as np
import netCDF4

DEFAULTS = dict(
    wavelength=355e-9,
    dx=2.96e-6,
    dy=2.96e-6,
    zmin=0.014,
    zmax=0.158,
    dpmin=20e-6,
    dpmax=120e-6,
    nbits=8,
    ccdelevel=2e4,
    gain_factor=24.0,
    read_noise=12.0,
    frac_beam_distort=0.02,
    part_rel_int=0.5,
    low_pass_cutoff=2500.0,  # cycles per metre, cutoff of the beam noise
    min_separation=100e-6,   # lateral distance between particle centres (m)
    date_created="27-Nov-2026",
)


# --------------------------------------------------------------------------
# Bessel J1 (Numerical Recipes rational / asymptotic approximations, |err|
# ~1e-8) and the "jinc" 2 J1(u)/u without a 0/0 at u = 0.
# --------------------------------------------------------------------------
def _j1_small_over_x(y):
    """J1(x)/x for |x| < 8, as a function of y = x^2."""
    num = (72362614232.0 + y * (-7895059235.0 + y * (242396853.1 + y * (
        -2972611.439 + y * (15704.48260 + y * (-30.16036606))))))
    den = (144725228442.0 + y * (2300535178.0 + y * (18583304.74 + y * (
        99447.43394 + y * (376.9991397 + y * 1.0)))))
    return num / den


def _j1_large(ax):
    """J1(|x|) for |x| >= 8."""
    z = 8.0 / ax
    y = z * z
    xx = ax - 2.356194491
    p = 1.0 + y * (0.183105e-2 + y * (-0.3516396496e-4 + y * (
        0.2457520174e-5 + y * (-0.240337019e-6))))
    q = 0.04687499995 + y * (-0.2002690873e-3 + y * (0.8449199096e-5 + y * (
        -0.88228987e-6 + y * 0.105787412e-6)))
    return np.sqrt(0.636619772 / ax) * (np.cos(xx) * p - z * np.sin(xx) * q)


def bessel_j1(x):
    x = np.asarray(x, dtype=np.float64)
    ax = np.abs(x)
    out = np.empty_like(x)
    small = ax < 8.0
    out[small] = x[small] * _j1_small_over_x(x[small] ** 2)
    big = ~small
    out[big] = np.sign(x[big]) * _j1_large(ax[big])
    return out


def jinc(u):
    """2 J1(u)/u, equal to 1 at u = 0."""
    u = np.asarray(u, dtype=np.float64)
    au = np.abs(u)
    out = np.empty_like(u)
    small = au < 8.0
    out[small] = 2.0 * _j1_small_over_x(u[small] ** 2)
    big = ~small
    out[big] = 2.0 * _j1_large(au[big]) / au[big]
    return out


# --------------------------------------------------------------------------
# Particles
# --------------------------------------------------------------------------
def draw_particles(rng, nparticles, nx, ny, p):
    """One hologram's particles, SI units.  Returns dict of arrays + gamma params."""
    dx, dy = p["dx"], p["dy"]
    # Gamma size distribution n(D) = n0 D^mu exp(-lam D), truncated to
    # [Dpmin, Dpmax] by rejection.
    mu = rng.uniform(1.0, 4.0)
    mean_d = rng.uniform(35e-6, 65e-6)
    lam = (mu + 1.0) / mean_d  # 1/m
    d = np.empty(nparticles)
    k = 0
    while k < nparticles:
        cand = rng.gamma(shape=mu + 1.0, scale=1.0 / lam)
        if p["dpmin"] <= cand <= p["dpmax"]:
            d[k] = cand
            k += 1
    # Number concentration over the sample volume -> n0 in m^-4.
    volume = nx * dx * ny * dy * (p["zmax"] - p["zmin"])
    n0 = (nparticles / volume) * lam ** (mu + 1.0) / math.gamma(mu + 1.0)

    # Positions: z uniform; x, y uniform inside the frame keeping each centre
    # at least d away from the edge and min_separation from the others.
    xs = np.empty(nparticles)
    ys = np.empty(nparticles)
    x_lo, x_hi = -nx / 2 * dx, (nx / 2 - 1) * dx
    y_lo, y_hi = -ny / 2 * dy, (ny / 2 - 1) * dy
    for k in range(nparticles):
        for _attempt in range(10000):
            cx = rng.uniform(x_lo + d[k], x_hi - d[k])
            cy = rng.uniform(y_lo + d[k], y_hi - d[k])
            if k == 0 or np.min(np.hypot(xs[:k] - cx, ys[:k] - cy)) >= p["min_separation"]:
                break
        else:
            raise SystemExit("cannot place %d separated particles in a %dx%d frame"
                             % (nparticles, nx, ny))
        xs[k], ys[k] = cx, cy
    zs = rng.uniform(p["zmin"], p["zmax"], size=nparticles)
    return dict(x=xs, y=ys, z=zs, d=d, n0=n0, mu=mu, lam=lam)


# --------------------------------------------------------------------------
# Optics
# --------------------------------------------------------------------------
def hologram_intensity(parts, nx, ny, p):
    """|U|^2 on the Nx x Ny sensor, array shape (Nx, Ny), axis 0 = x."""
    lam_w, dx, dy = p["wavelength"], p["dx"], p["dy"]
    npx, npy = 2 * nx, 2 * ny               # padded frame
    ox, oy = (npx - nx) // 2, (npy - ny) // 2  # sensor offset inside it
    fx = np.fft.fftfreq(npx, d=dx)[:, None]  # axis 0 <-> x
    fy = np.fft.fftfreq(npy, d=dy)[None, :]  # axis 1 <-> y
    f2 = fx * fx + fy * fy
    rho = np.sqrt(f2)
    arg = 1.0 / lam_w ** 2 - f2
    propagating = arg > 0.0
    kz_minus_k = np.where(propagating, np.sqrt(np.maximum(arg, 0.0)), 0.0) - 1.0 / lam_w
    dfx, dfy = 1.0 / (npx * dx), 1.0 / (npy * dy)

    # Padded index p sits at x = (p - ox - nx/2) dx; the DFT's origin is
    # index 0, so shift the disk centres by (ox + nx/2) dx.
    sx, sy = (ox + nx / 2.0) * dx, (oy + ny / 2.0) * dy

    spectrum = np.zeros((npx, npy), dtype=np.complex128)
    for x0, y0, z0, d0 in zip(parts["x"], parts["y"], parts["z"], parts["d"]):
        disk = (math.pi * d0 * d0 / 4.0) * jinc(math.pi * d0 * rho)
        phase = -2.0 * math.pi * (fx * (x0 + sx) + fy * (y0 + sy))
        prop = 2.0 * math.pi * z0 * kz_minus_k
        # Band limit (Matsushima & Shimobaba 2009): keep only frequencies
        # whose lateral walk-off lambda z f / sqrt(1 - lambda^2 f^2) stays
        # within half the padded frame, so the transfer function is sampled
        # without aliasing and no fringe wraps onto the sensor.
        fx_lim = 1.0 / (lam_w * math.sqrt((2.0 * dfx * z0) ** 2 + 1.0))
        fy_lim = 1.0 / (lam_w * math.sqrt((2.0 * dfy * z0) ** 2 + 1.0))
        keep = propagating & (np.abs(fx) <= fx_lim) & (np.abs(fy) <= fy_lim)
        spectrum += np.where(keep, disk * np.exp(1j * (phase + prop)), 0.0)
    # Continuous inverse transform ~ ifft2 / (dx dy).
    scattered = np.fft.ifft2(spectrum) / (dx * dy)
    field = 1.0 - scattered[ox:ox + nx, oy:oy + ny]
    return np.abs(field) ** 2


def beam_profile(rng, nx, ny, p):
    """Smooth multiplicative non-uniformity in [1 - fracBeamDistort, 1]."""
    noise = rng.random((nx, ny))
    fx = np.fft.fftfreq(nx, d=p["dx"])[:, None]
    fy = np.fft.fftfreq(ny, d=p["dy"])[None, :]
    lowpass = (fx * fx + fy * fy) <= p["low_pass_cutoff"] ** 2
    smooth = np.real(np.fft.ifft2(np.fft.fft2(noise) * lowpass))
    smooth -= smooth.min()
    peak = smooth.max()
    if peak > 0:
        smooth /= peak
    return 1.0 - p["frac_beam_distort"] * smooth


def camera(rng, intensity, p):
    """Electrons -> shot + read noise -> counts at half full scale -> uint8.

    Returns (image uint8, noise level as the published simulator defines it).
    """
    full = 2 ** p["nbits"]
    gain = (full * 0.5) / p["ccdelevel"]     # counts per electron
    electrons = np.round(intensity * p["ccdelevel"])
    noiseless = np.round(electrons * gain)
    noisy = rng.poisson(electrons).astype(np.float64)
    noisy += rng.standard_normal(noisy.shape) * p["read_noise"]
    counts = np.round(noisy * gain)
    noise_level = float(np.sqrt(np.sum(((counts - noiseless) / 2 ** (p["nbits"] - 1)) ** 2)))
    counts = np.clip(counts, 0, full - 1)
    return counts.astype(np.uint8), noise_level


# --------------------------------------------------------------------------
# File
# --------------------------------------------------------------------------
PARTICLE_VARS = [
    # name, longname, units  (order and strings as in the published files)
    ("hid", "Hologram index (1-based, first hologram index = 1)", "unitless"),
    ("d", "Particle Diameter", "microns"),
    ("x", "Particle x-position (origin at center)", "microns"),
    ("y", "Particle y-position (origin at center)", "microns"),
    ("z", "Particle z-position (origin at sensor)", "microns"),
    ("n0", "Gamma distribution N0", "m^-4"),
    ("mu", "Gamma distribution mu", "unitless"),
    ("lam", "Gamma distribution lambda", "1/m"),
    ("distid", "Gamma distribution index", "unitless"),
]


def global_attributes(nholo, nx, ny, nparticles, noise_level, p):
    """The 29 global attributes of the published sets, same names and types
    (MATLAB doubles -> NC_DOUBLE, logicals -> NC_UBYTE, char -> NC_CHAR)."""
    f8, u1 = np.float64, np.uint8
    return [
        ("DateCreated", p["date_created"]),
        ("Nx", f8(nx)),
        ("Ny", f8(ny)),
        ("dx", f8(p["dx"])),
        ("dy", f8(p["dy"])),
        ("lambda", f8(p["wavelength"])),
        ("Dpmin", f8(p["dpmin"])),
        ("Dpmax", f8(p["dpmax"])),
        ("zMin", f8(p["zmin"])),
        ("zMax", f8(p["zmax"])),
        ("NParticles", f8(nparticles)),
        ("Nbits", f8(p["nbits"])),
        ("ccdelevel", f8(p["ccdelevel"])),
        ("gainFactor", f8(p["gain_factor"])),
        ("readNoiseSTD", f8(p["read_noise"])),
        ("gaussCornCon", f8(1.0)),          # flat (no Gaussian) beam envelope
        ("lowPassFiltCutoff", f8(p["low_pass_cutoff"])),
        ("fracBeamDistort", f8(p["frac_beam_distort"])),
        ("should_beam", u1(1)),
        ("should_noise", u1(1)),
        ("should_lnoise", u1(1)),           # smooth beam noise is applied
        ("partRelInt", f8(p["part_rel_int"])),  # recorded, not used
        ("nHolograms", f8(nholo)),
        ("makeRandParts", u1(1)),
        ("should_random", u1(0)),           # fixed count per hologram
        ("should_extend_domain", u1(1)),    # simulated on a 2x padded frame
        ("superSamplingRate", f8(1.0)),
        ("should_cache", u1(1)),
        ("noiseLevel", f8(noise_level)),    # of the last hologram, as published
    ]


def write_archive(path, nholo, nx, ny, nparticles, seed, p):
    rng = np.random.Generator(np.random.PCG64(seed))
    holos = []
    for h in range(nholo):
        parts = draw_particles(rng, nparticles, nx, ny, p)
        inten = hologram_intensity(parts, nx, ny, p)
        inten = inten * beam_profile(rng, nx, ny, p)
        img, noise_level = camera(rng, inten, p)
        holos.append((parts, img))

    tmp = path + ".tmp"
    ds = netCDF4.Dataset(tmp, "w", format="NETCDF4")
    try:
        ds.createDimension("hologram_number", nholo)
        ds.createDimension("xsize", nx)
        ds.createDimension("ysize", ny)
        ds.createDimension("particle", nholo * nparticles)
        pvars = {}
        for name, longname, units in PARTICLE_VARS:
            v = ds.createVariable(name, "f4", ("particle",))
            v.setncattr("longname", longname)
            v.setncattr("units", units)
            pvars[name] = v
        img = ds.createVariable("image", "u1", ("hologram_number", "xsize", "ysize"),
                                zlib=True, complevel=4, shuffle=True,
                                chunksizes=(1, nx, ny))
        img.setncattr("longname", "Hologram image")
        for key, value in global_attributes(nholo, nx, ny, nparticles, noise_level, p):
            ds.setncattr(key, value)

        for h, (parts, image) in enumerate(holos):
            sl = slice(h * nparticles, (h + 1) * nparticles)
            one = np.ones(nparticles)
            pvars["hid"][sl] = (h + 1) * one
            pvars["d"][sl] = parts["d"] * 1e6
            pvars["x"][sl] = parts["x"] * 1e6
            pvars["y"][sl] = parts["y"] * 1e6
            pvars["z"][sl] = parts["z"] * 1e6
            pvars["n0"][sl] = parts["n0"] * one
            pvars["mu"][sl] = parts["mu"] * one
            pvars["lam"][sl] = parts["lam"] * one
            pvars["distid"][sl] = (h + 1) * one
            img[h, :, :] = image
    finally:
        ds.close()
    os.replace(tmp, path)
    return holos


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True, help="output .nc path")
    ap.add_argument("--holograms", type=int, default=3)
    ap.add_argument("--nx", type=int, default=512, help="pixels along x (slow axis)")
    ap.add_argument("--ny", type=int, default=384, help="pixels along y (fast axis)")
    ap.add_argument("--particles", type=int, default=12, help="particles per hologram")
    ap.add_argument("--seed", type=int, default=20261127)
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args(argv)
    if a.holograms < 1 or a.nx < 16 or a.ny < 16 or a.particles < 0:
        ap.error("need --holograms >= 1, --nx/--ny >= 16, --particles >= 0")
    p = dict(DEFAULTS)
    if a.nx * p["dx"] <= 2 * p["dpmax"] or a.ny * p["dy"] <= 2 * p["dpmax"]:
        ap.error("frame too small for particles up to Dpmax")
    holos = write_archive(a.out, a.holograms, a.nx, a.ny, a.particles, a.seed, p)
    if not a.quiet:
        print("wrote %s (%d bytes): %d holograms %dx%d, %d particles each, seed %d"
              % (a.out, os.path.getsize(a.out), a.holograms, a.nx, a.ny,
                 a.particles, a.seed))
        print("%4s %9s %9s %10s %7s %6s %6s" % ("hid", "x_um", "y_um", "z_um", "d_um", "i", "j"))
        for h, (parts, _img) in enumerate(holos):
            for x0, y0, z0, d0 in zip(parts["x"], parts["y"], parts["z"], parts["d"]):
                print("%4d %9.1f %9.1f %10.1f %7.1f %6.1f %6.1f"
                      % (h + 1, x0 * 1e6, y0 * 1e6, z0 * 1e6, d0 * 1e6,
                         x0 / p["dx"] + a.nx / 2, y0 / p["dy"] + a.ny / 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
