#pragma once
// What the library has to tell the person running it, besides its results: advice on the
// settings, what a run cleaned up or skipped, failures it went on past, and progress lines.
// Library code says these here and never prints; the program (tools/) installs the sink that
// writes them to stderr, and a test installs one that records them. Until a sink is
// installed nothing is shown. `--quiet` is the callers' business (they do not say what quiet
// silences), so a sink shows everything it is given.

#include <functional>
#include <string>
#include <vector>

namespace holodet {

enum class Said {
  kNote,           // advice on the run's settings; shown as "holodet: note: <text>"
  kInfo,           // what a run did besides its results: a file removed, a summary
  kFailure,        // a hologram or archive that failed while the run went on
  kProgress,       // a progress line; the next one replaces it on a terminal
  kProgressFinal,  // a task's last progress line
};

using DiagnosticSink = std::function<void(Said kind, const std::string& text)>;

// Replaces the process's sink and returns the one before, for a caller that restores it.
// Called from any thread; `sink` is called one message at a time.
DiagnosticSink set_diagnostic_sink(DiagnosticSink sink);

// Hands `text` (one message, no trailing newline) to the sink.
void say(Said kind, const std::string& text);

// Installs a recording sink for its lifetime, restoring the previous one after.
class DiagnosticRecorder {
 public:
  struct Message {
    Said kind;
    std::string text;
  };
  DiagnosticRecorder();
  ~DiagnosticRecorder();
  DiagnosticRecorder(const DiagnosticRecorder&) = delete;
  DiagnosticRecorder& operator=(const DiagnosticRecorder&) = delete;

  const std::vector<Message>& messages() const { return messages_; }
  // Every message's text, one per line.
  std::string text() const;

 private:
  std::vector<Message> messages_;
  DiagnosticSink previous_;
};

}  // namespace holodet
