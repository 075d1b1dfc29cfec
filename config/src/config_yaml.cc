// The configuration as YAML: reading files and results' `config` attributes, and to_yaml.
#include <yaml-cpp/yaml.h>

#include <type_traits>

#include "config_keys.h"
#include "holodet/config/config.h"
#include "holodet/core/error.h"

namespace holodet::config {
namespace {

void apply_node(Config& config, const YAML::Node& node, const std::string& prefix,
                const std::string& origin) {
  if (!node.IsMap()) {
    throw bad_input(origin + ": " + (prefix.empty() ? "the document" : prefix) +
                    " must be a mapping of keys to values");
  }
  for (const auto& entry : node) {
    const std::string key = (prefix.empty() ? "" : prefix + ".") + entry.first.as<std::string>();
    if (entry.second.IsMap()) {
      apply_node(config, entry.second, key, origin);
    } else if (entry.second.IsScalar()) {
      apply_override(config, key, entry.second.Scalar(), origin);
    } else {
      throw bad_input(origin + ": " + key + " must be a single value");
    }
  }
}

// Each value goes to the emitter as its own C++ type, as the hand-written to_yaml did: the
// emitter's spelling of it (and so the run's identity checksum) stays the same.
void emit_value(YAML::Emitter& out, const Key& key, const Config& config) {
  if (key.kind == ValueKind::kChoice) {
    out << value_text(key, config);  // the name, written as the text it was before it was an enum
    return;
  }
  std::visit(
      [&](const auto& member) {
        if constexpr (!std::is_same_v<std::decay_t<decltype(member)>, ChoiceOf>) {
          out << member.in_const(config);
        }
      },
      key.member);
}

}  // namespace

void apply_yaml_file(Config& config, const std::filesystem::path& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path.string());
  } catch (const YAML::BadFile&) {
    throw bad_input(path.string() + ": cannot open the configuration file");
  } catch (const YAML::Exception& error) {
    throw bad_input(path.string() + ": not valid YAML: " + error.what());
  }
  if (root.IsNull()) {
    return;  // an empty file changes nothing
  }
  apply_node(config, root, "", path.string());
}

void apply_products_yaml(Config& config, const std::string& yaml, const std::string& origin) {
  YAML::Node root;
  try {
    root = YAML::Load(yaml);
  } catch (const YAML::Exception& error) {
    throw bad_input(origin + ": not valid YAML: " + error.what());
  }
  if (root.IsMap() && root["products"]) {
    apply_node(config, root["products"], "products", origin);
  }
}

std::string to_yaml(const Config& config) {
  YAML::Emitter out;
  out.SetDoublePrecision(10);
  out << YAML::BeginMap;
  std::string_view open_group;  // the section being written; the table keeps groups together
  for (const Key& key : keys()) {
    if (key.group() != open_group) {
      if (!open_group.empty()) {
        out << YAML::EndMap;
      }
      open_group = key.group();
      out << YAML::Key << std::string(open_group) << YAML::Value << YAML::BeginMap;
    }
    out << YAML::Key << std::string(key.leaf()) << YAML::Value;
    emit_value(out, key, config);
  }
  if (!open_group.empty()) {
    out << YAML::EndMap;
  }
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

}  // namespace holodet::config
