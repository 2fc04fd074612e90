#include "core/log_context.hpp"

namespace authly::core {
namespace {

thread_local const LogContext* t_current = nullptr;

}  // namespace

const LogContext* current_log_context() noexcept { return t_current; }

LogScope::LogScope(LogContext context) noexcept : context_(context), previous_(t_current) { t_current = &context_; }

LogScope::~LogScope() { t_current = previous_; }

}  // namespace authly::core
