#include "support/test_files.h"

#include <gtest/gtest.h>
#include <hdf5.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <stdexcept>
#include <vector>

#include "holodet/io/netcdf_writer.h"

namespace holodet::test {

TempDir::TempDir() {
  std::random_device entropy;
  path_ = std::filesystem::temp_directory_path() /
          ("holodet-test-" + std::to_string(::getpid()) + "-" + std::to_string(entropy()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::uint8_t pattern_value(int hid, std::size_t i, std::size_t j) {
  return static_cast<std::uint8_t>((hid * 37 + i * 3 + j * 7) % 251);
}

void write_test_archive(const std::filesystem::path& path, const ArchiveSpec& spec) {
  io::NetcdfWriter writer(path);
  const std::size_t particles = static_cast<std::size_t>(spec.holograms) *
                                static_cast<std::size_t>(spec.particles_per_hologram);
  writer.define_dimension("hologram_number", static_cast<std::size_t>(spec.holograms));
  writer.define_dimension("xsize", spec.size_x);
  writer.define_dimension("ysize", spec.size_y);
  writer.define_dimension("particle", particles);
  writer.define_variable({"image",
                          io::ValueType::kUint8,
                          {"hologram_number", "xsize", "ysize"},
                          {1, spec.size_x, spec.size_y},
                          4,
                          {}});
  const char* names[] = {"hid", "x", "y", "z", "d"};
  for (const char* name : names) {
    writer.define_variable({name,
                            io::ValueType::kFloat32,
                            {"particle"},
                            {},
                            0,
                            {{"longname", std::string(name)}, {"units", std::string("um")}}});
  }
  if (spec.with_particle_times) {
    writer.define_variable({"t",
                            io::ValueType::kFloat64,
                            {"particle"},
                            {},
                            0,
                            {{"longname", std::string("time")},
                             {"units", std::string("seconds since 1970-01-01 00:00:00")}}});
  }
  writer.set_global_attribute("Nx", static_cast<double>(spec.size_x));
  writer.set_global_attribute("Ny", static_cast<double>(spec.size_y));
  writer.set_global_attribute("dx", 2.96e-6);
  writer.set_global_attribute("dy", 2.96e-6);
  writer.set_global_attribute("lambda", 355e-9);
  if (spec.with_z_range) {
    writer.set_global_attribute("zMin", 0.015);
    writer.set_global_attribute("zMax", 0.150);
  }
  writer.set_global_attribute("DateCreated", std::string("2026-11-27"));

  std::vector<std::uint8_t> frame(spec.size_x * spec.size_y);
  for (int h = 1; h <= spec.holograms; ++h) {
    for (std::size_t i = 0; i < spec.size_x; ++i) {
      for (std::size_t j = 0; j < spec.size_y; ++j) {
        frame[i * spec.size_y + j] = pattern_value(h, i, j);
      }
    }
    writer.write_slab("image", static_cast<std::size_t>(h - 1), frame);
  }
  std::vector<float> hid, x, y, z, d;
  for (int h = 1; h <= spec.holograms; ++h) {
    for (int k = 0; k < spec.particles_per_hologram; ++k) {
      hid.push_back(static_cast<float>(h));
      x.push_back(static_cast<float>(10 * h + k));
      y.push_back(static_cast<float>(-k));
      z.push_back(static_cast<float>(20000 + 100 * k));
      d.push_back(static_cast<float>(30 + k));
    }
  }
  writer.write("hid", std::span<const float>(hid));
  writer.write("x", std::span<const float>(x));
  writer.write("y", std::span<const float>(y));
  writer.write("z", std::span<const float>(z));
  writer.write("d", std::span<const float>(d));
  if (spec.with_particle_times) {
    std::vector<double> t;
    for (int h = 1; h <= spec.holograms; ++h) {
      for (int k = 0; k < spec.particles_per_hologram; ++k) {
        t.push_back(1.4e9 + 0.5 * h + 0.001 * k);
      }
    }
    writer.write("t", std::span<const double>(t));
  }
  writer.commit();
}

void write_hdf5_with_dataset(const std::filesystem::path& path, const std::string& name,
                             const std::vector<unsigned long long>& shape) {
  const hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  std::vector<hsize_t> dims(shape.begin(), shape.end());
  const hid_t space = H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr);
  const hid_t dataset =
      H5Dcreate2(file, name.c_str(), H5T_STD_U8LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  if (file < 0 || space < 0 || dataset < 0) {
    throw std::runtime_error("cannot make test file " + path.string());
  }
  H5Dclose(dataset);
  H5Sclose(space);
  H5Fclose(file);
}

void write_truncated_copy(const std::filesystem::path& from, const std::filesystem::path& to,
                          std::uintmax_t bytes) {
  std::ifstream in(from, std::ios::binary);
  std::vector<char> data(bytes);
  in.read(data.data(), static_cast<std::streamsize>(bytes));
  std::ofstream out(to, std::ios::binary);
  out.write(data.data(), in.gcount());
}

void corrupt_image_chunk(const std::filesystem::path& path, unsigned long long chunk) {
  haddr_t offset = 0;
  hsize_t size = 0;
  {
    const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    const hid_t dataset = H5Dopen2(file, "image", H5P_DEFAULT);
    const hid_t space = H5Dget_space(dataset);
    unsigned filter_mask = 0;
    const herr_t status =
        H5Dget_chunk_info(dataset, space, chunk, nullptr, &filter_mask, &offset, &size);
    H5Sclose(space);
    H5Dclose(dataset);
    H5Fclose(file);
    if (status < 0 || size < 64) {
      throw std::runtime_error(path.string() + ": no chunk " + std::to_string(chunk));
    }
  }
  std::fstream file(path, std::ios::binary | std::ios::in | std::ios::out);
  file.seekp(static_cast<std::streamoff>(offset + size / 2));
  const std::vector<char> garbage(32, '\x5a');
  file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
}

void zero_hologram(const std::filesystem::path& path, int hid) {
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  const hid_t dataset = H5Dopen2(file, "image", H5P_DEFAULT);
  const hid_t space = H5Dget_space(dataset);
  hsize_t dims[3] = {0, 0, 0};
  H5Sget_simple_extent_dims(space, dims, nullptr);
  const hsize_t start[3] = {static_cast<hsize_t>(hid - 1), 0, 0};
  const hsize_t count[3] = {1, dims[1], dims[2]};
  H5Sselect_hyperslab(space, H5S_SELECT_SET, start, nullptr, count, nullptr);
  const hid_t memory = H5Screate_simple(3, count, nullptr);
  const std::vector<std::uint8_t> zeros(dims[1] * dims[2], 0);
  const herr_t status =
      H5Dwrite(dataset, H5T_NATIVE_UINT8, memory, space, H5P_DEFAULT, zeros.data());
  H5Sclose(memory);
  H5Sclose(space);
  H5Dclose(dataset);
  H5Fclose(file);
  if (status < 0) {
    throw std::runtime_error(path.string() + ": cannot zero hologram " + std::to_string(hid));
  }
}

void expect_same_particles(const io::ParticleTable& a, const io::ParticleTable& b) {
  ASSERT_EQ(a.size(), b.size());
  EXPECT_EQ(a.hid, b.hid);
  EXPECT_EQ(a.x_um, b.x_um);
  EXPECT_EQ(a.y_um, b.y_um);
  EXPECT_EQ(a.z_um, b.z_um);
  EXPECT_EQ(a.d_um, b.d_um);
  ASSERT_EQ(a.extra.size(), b.extra.size());
  for (std::size_t k = 0; k < a.extra.size(); ++k) {
    EXPECT_EQ(a.extra[k].name, b.extra[k].name);
    EXPECT_EQ(a.extra[k].values, b.extra[k].values) << a.extra[k].name;
  }
}

void expect_nearly_same_particles(const io::ParticleTable& a, const io::ParticleTable& b,
                                  double xy_um, double z_um, double d_um) {
  ASSERT_EQ(a.size(), b.size());
  ASSERT_GT(a.size(), 0u);
  for (std::size_t k = 0; k < a.size(); ++k) {
    std::size_t m = 0;
    for (std::size_t q = 1; q < b.size(); ++q) {
      if (std::hypot(b.x_um[q] - a.x_um[k], b.y_um[q] - a.y_um[k]) <
          std::hypot(b.x_um[m] - a.x_um[k], b.y_um[m] - a.y_um[k])) {
        m = q;
      }
    }
    EXPECT_NEAR(a.x_um[k], b.x_um[m], xy_um) << "particle " << k;
    EXPECT_NEAR(a.y_um[k], b.y_um[m], xy_um) << "particle " << k;
    EXPECT_NEAR(a.z_um[k], b.z_um[m], z_um) << "particle " << k;
    EXPECT_NEAR(a.d_um[k], b.d_um[m], d_um) << "particle " << k;
  }
}

void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

CommandResult run_shell(const std::string& command) {
  CommandResult result;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) {
    return result;
  }
  std::array<char, 4096> buffer;
  std::size_t count = 0;
  while ((count = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    result.output.append(buffer.data(), count);
  }
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

CommandResult run_holodet(const std::string& arguments) {
  return run_shell(std::string(HOLODET_CLI_PATH) + " " + arguments);
}

std::filesystem::path samples_dir() {
  return std::filesystem::path(HOLODET_SOURCE_DIR) / "samples";
}

}  // namespace holodet::test
