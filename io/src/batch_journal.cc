#include "holodet/io/batch_journal.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <type_traits>

#include "holodet/core/error.h"

namespace holodet::io {
namespace {

constexpr const char* kMagic = "holodet-batch-journal 1 ";

std::string escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else {
      out += c;
    }
  }
  return out;
}

std::string unescaped(const std::string& text) {
  std::string out;
  for (std::size_t k = 0; k < text.size(); ++k) {
    if (text[k] != '\\' || k + 1 == text.size()) {
      out += text[k];
      continue;
    }
    const char next = text[++k];
    out += next == 't' ? '\t' : next == 'n' ? '\n' : next == 'r' ? '\r' : next;
  }
  return out;
}

std::vector<std::string> split(const std::string& line, char separator) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = line.find(separator, start);
    fields.push_back(
        line.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) {
      return fields;
    }
    start = end + 1;
  }
}

// Exact text of a number: 9 significant digits read a float back bit for bit, 17 a double.
std::string text_of(float value) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.9g", static_cast<double>(value));
  return text;
}
std::string text_of(double value) {
  char text[40];
  std::snprintf(text, sizeof(text), "%.17g", value);
  return text;
}

std::string record_text(const HologramOutcome& outcome) {
  const io::HologramRecord& r = outcome.record;
  const io::ParticleTable& table = outcome.particles;
  std::string columns;
  for (const io::ParticleColumn& column : table.extra) {
    if (!columns.empty()) {
      columns += ',';
    }
    columns += column.name + '=' + (column.units.empty() ? "1" : column.units);
  }
  std::string text = "H\t" + std::to_string(r.hid) + '\t' + r.status + '\t' +
                     std::to_string(table.size()) + '\t' + text_of(r.seconds_read) + '\t' +
                     text_of(r.seconds_propagation) + '\t' + text_of(r.seconds_network) + '\t' +
                     text_of(r.seconds_analysis) + '\t' + text_of(r.seconds_total) + '\t' +
                     escaped(r.error) + '\t' + columns + '\t' + std::to_string(r.crowded) + '\n';
  for (std::size_t row = 0; row < table.size(); ++row) {
    text += "P\t" + text_of(table.x_um[row]) + '\t' + text_of(table.y_um[row]) + '\t' +
            text_of(table.z_um[row]) + '\t' + text_of(table.d_um[row]);
    for (const io::ParticleColumn& column : table.extra) {
      text += '\t' + text_of(column.values[row]);
    }
    text += '\n';
  }
  text += "E\t" + std::to_string(r.hid) + '\n';
  return text;
}

struct ParsedJournal {
  std::vector<HologramOutcome> records;
  std::size_t complete_bytes = 0;  // up to the end of the last complete record
  std::size_t dropped = 0;         // damaged records skipped before a later complete one
};

// A journal number, strictly: the whole field, finite (what record_text() writes). Anything
// else (`abc`, `nan`, `inf`, `1e999`, a number cut short) marks the record damaged.
template <typename T>
T journal_number(const std::string& field) {
  T value{};
  const char* end = field.data() + field.size();
  const auto [stop, status] = std::from_chars(field.data(), end, value);
  if (field.empty() || status != std::errc() || stop != end) {
    throw std::invalid_argument("not a number: " + field);
  }
  if constexpr (std::is_floating_point_v<T>) {
    if (!std::isfinite(value)) {
      throw std::invalid_argument("not finite: " + field);
    }
  }
  return value;
}

// Reads the records. A line that does not continue a record properly ends it: if a complete
// record follows later, the broken one is dropped (and counted) and reading goes on from the
// next hologram line; if none follows, it is a torn tail after a crash. Checks the header and
// the identity.
ParsedJournal parse_journal(const std::filesystem::path& path, const std::string& identity) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    throw bad_input(path.string() + ": cannot open the batch journal");
  }
  std::stringstream buffer;
  buffer << file.rdbuf();
  const std::string content = buffer.str();
  ParsedJournal parsed;
  const std::size_t header_end = content.find('\n');
  const std::string header = content.substr(0, header_end);
  if (header_end == std::string::npos || header.rfind(kMagic, 0) != 0) {
    throw bad_input(path.string() + ": not a holodet batch journal (remove it to start over)");
  }
  if (header.substr(std::strlen(kMagic)) != identity) {
    throw bad_input(path.string() +
                    ": this journal belongs to a run with another method, model, configuration "
                    "or input; resume with the same settings, or remove it (and lose its "
                    "holograms) to start over");
  }
  parsed.complete_bytes = header_end + 1;
  std::size_t at = header_end + 1;
  HologramOutcome current;
  std::size_t expected_rows = 0;
  bool in_record = false;
  std::size_t broken = 0;  // records broken off since the last complete one
  while (at < content.size()) {
    const std::size_t end = content.find('\n', at);
    if (end == std::string::npos) {
      break;  // a line without its newline: torn
    }
    const std::vector<std::string> fields = split(content.substr(at, end - at), '\t');
    at = end + 1;
    bool fits = false;
    const bool hologram_line = fields[0] == "H";
    try {
      // 12 fields; 11 in a journal written before the crowded flag (then not known).
      if ((fields.size() == 11 || fields.size() == 12) && hologram_line) {
        if (in_record) {
          ++broken;  // a record that never ended, then a new one
        }
        current = {};
        io::HologramRecord& r = current.record;
        r.hid = journal_number<int>(fields[1]);
        if (r.hid < 1) {
          throw std::invalid_argument("hid below 1");
        }
        r.status = fields[2];
        expected_rows = journal_number<std::size_t>(fields[3]);
        r.seconds_read = journal_number<double>(fields[4]);
        r.seconds_propagation = journal_number<double>(fields[5]);
        r.seconds_network = journal_number<double>(fields[6]);
        r.seconds_analysis = journal_number<double>(fields[7]);
        r.seconds_total = journal_number<double>(fields[8]);
        r.error = unescaped(fields[9]);
        r.particles = static_cast<std::int32_t>(expected_rows);
        if (fields.size() == 12) {
          r.crowded = journal_number<std::int32_t>(fields[11]);
          if (r.crowded < io::kCrowdedNotKnown || r.crowded > io::kCrowded) {
            throw std::invalid_argument("crowded flag out of range");
          }
        }
        if (!fields[10].empty()) {
          for (const std::string& column : split(fields[10], ',')) {
            const std::size_t equals = column.find('=');
            current.particles.extra.push_back(
                {column.substr(0, equals),
                 equals == std::string::npos ? "1" : column.substr(equals + 1),
                 {}});
          }
        }
        in_record = true;
        fits = true;
      } else if (in_record && fields[0] == "P" &&
                 fields.size() == 5 + current.particles.extra.size() &&
                 current.particles.size() < expected_rows) {
        const float x = journal_number<float>(fields[1]), y = journal_number<float>(fields[2]);
        const float z = journal_number<float>(fields[3]), d = journal_number<float>(fields[4]);
        std::vector<float> extra;
        for (std::size_t k = 0; k < current.particles.extra.size(); ++k) {
          extra.push_back(journal_number<float>(fields[5 + k]));
        }
        current.particles.append(current.record.hid, x, y, z, d);
        for (std::size_t k = 0; k < extra.size(); ++k) {
          current.particles.extra[k].values.push_back(extra[k]);
        }
        fits = true;
      } else if (in_record && fields.size() == 2 && fields[0] == "E" &&
                 journal_number<int>(fields[1]) == current.record.hid &&
                 current.particles.size() == expected_rows) {
        parsed.records.push_back(std::move(current));
        parsed.complete_bytes = at;
        parsed.dropped += broken;
        broken = 0;
        in_record = false;
        fits = true;
      }
    } catch (const std::exception&) {
      fits = false;
    }
    if (!fits && (in_record || hologram_line)) {
      ++broken;  // this record is damaged: look for the next hologram line
      in_record = false;
    }
  }
  return parsed;
}

void write_all(int descriptor, const std::string& text, const std::filesystem::path& path) {
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t now = ::write(descriptor, text.data() + written, text.size() - written);
    if (now < 0) {
      if (errno == EINTR) {
        continue;
      }
      throw runtime_failure(path.string() +
                            ": cannot write the batch journal: " + system_reason(errno));
    }
    written += static_cast<std::size_t>(now);
  }
  if (::fsync(descriptor) != 0) {
    throw runtime_failure(path.string() +
                          ": cannot flush the batch journal to disk: " + std::strerror(errno));
  }
}

}  // namespace

BatchJournal::BatchJournal(std::filesystem::path path, const std::string& identity, bool resume)
    : path_(std::move(path)) {
  std::error_code error;
  const bool exists = std::filesystem::exists(path_, error);
  if (exists && !resume) {
    throw bad_input(path_.string() +
                    ": an interrupted run's journal is here; add --resume to continue it, or "
                    "remove it to start over");
  }
  if (exists) {
    ParsedJournal parsed = parse_journal(path_, identity);
    committed_ = std::move(parsed.records);
    dropped_ = parsed.dropped;
    // O_APPEND: every record goes to the end of the file, whatever else has the file open.
    descriptor_ = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
    if (descriptor_ < 0 ||
        ::ftruncate(descriptor_, static_cast<off_t>(parsed.complete_bytes)) != 0) {
      throw runtime_failure(path_.string() +
                            ": cannot reopen the batch journal: " + std::strerror(errno));
    }
    return;
  }
  // The header goes to a temporary name first: a journal is never seen without its header.
  const std::filesystem::path temporary = path_.string() + ".new";
  descriptor_ =
      ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
  if (descriptor_ < 0) {
    throw bad_input(path_.string() + ": cannot create the batch journal: " + std::strerror(errno));
  }
  write_all(descriptor_, kMagic + identity + '\n', path_);
  std::filesystem::rename(temporary, path_, error);
  if (error) {
    throw runtime_failure(path_.string() + ": cannot create the batch journal: " + error.message());
  }
}

BatchJournal::~BatchJournal() {
  if (descriptor_ >= 0) {
    ::close(descriptor_);
  }
}

void BatchJournal::commit(const HologramOutcome& outcome) {
  write_all(descriptor_, record_text(outcome), path_);
}

std::vector<HologramOutcome> read_journal(const std::filesystem::path& path,
                                          const std::string& identity, std::size_t* dropped) {
  ParsedJournal parsed = parse_journal(path, identity);
  if (dropped != nullptr) {
    *dropped = parsed.dropped;
  }
  return std::move(parsed.records);
}

std::vector<HologramOutcome> latest_by_hid(const std::vector<HologramOutcome>& outcomes) {
  std::map<int, const HologramOutcome*> latest;
  for (const HologramOutcome& outcome : outcomes) {
    latest[outcome.record.hid] = &outcome;
  }
  std::vector<HologramOutcome> ordered;
  for (const auto& [hid, outcome] : latest) {
    ordered.push_back(*outcome);
  }
  return ordered;
}

}  // namespace holodet::io
