#include "holodet/core/diagnostics.h"

#include <mutex>
#include <utility>

namespace holodet {
namespace {

std::mutex& sink_mutex() {
  static std::mutex mutex;
  return mutex;
}

DiagnosticSink& current_sink() {
  static DiagnosticSink sink;
  return sink;
}

}  // namespace

DiagnosticSink set_diagnostic_sink(DiagnosticSink sink) {
  const std::lock_guard lock(sink_mutex());
  return std::exchange(current_sink(), std::move(sink));
}

void say(Said kind, const std::string& text) {
  // Held while the sink runs: messages from the plane workers' threads never interleave.
  const std::lock_guard lock(sink_mutex());
  if (current_sink()) {
    current_sink()(kind, text);
  }
}

DiagnosticRecorder::DiagnosticRecorder()
    : previous_(set_diagnostic_sink([this](Said kind, const std::string& text) {
        messages_.push_back({kind, text});
      })) {}

DiagnosticRecorder::~DiagnosticRecorder() {
  set_diagnostic_sink(std::move(previous_));
}

std::string DiagnosticRecorder::text() const {
  std::string all;
  for (const Message& message : messages_) {
    all += message.text + "\n";
  }
  return all;
}

}  // namespace holodet
