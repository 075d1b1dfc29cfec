#pragma once
// The microphysics products as NetCDF variables with CF metadata (docs/PRODUCTS.md), added
// to a results file whose `particle` and `hologram` dimensions are already defined
// (io::write_batch_results' `add_more`). Per hologram the distributions run over `hologram`;
// per interval over `interval`, a CF time coordinate with bounds.

#include "holodet/io/netcdf_writer.h"
#include "holodet/products/microphysics.h"

namespace holodet::products {

void put_products(io::NetcdfWriter& writer, const Products& products);

// The settings and totals as global attributes, for the file's readers and for `holodet stats`.
io::Attributes product_attributes(const Products& products);

}  // namespace holodet::products
