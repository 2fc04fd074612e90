#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <iostream>

#include "cli/context.hpp"

namespace authly::cli {

void add_db_command(CLI::App& root, Context& ctx) {
  auto* db = root.add_subcommand("db", "Database schema migrations");
  db->require_subcommand(1);

  auto* upgrade = db->add_subcommand("upgrade", "Apply pending migrations");
  upgrade->callback([&ctx] {
    auto applied = ctx.application().store().migrate();
    if (applied.empty()) std::cout << "database is up to date\n";
    for (const auto& m : applied) std::cout << "applied " << m.version << ' ' << m.name << '\n';
  });

  auto* status = db->add_subcommand("status", "List migrations and whether they are applied");
  auto json = std::make_shared<bool>(false);
  status->add_flag("--json", *json, "Print JSON");
  status->callback([&ctx, json] {
    auto list = ctx.application().store().migration_status();
    int pending = 0;
    boost::json::array arr;
    for (const auto& m : list) {
      if (!m.applied) ++pending;
      if (*json) {
        boost::json::object o{{"version", m.version}, {"name", m.name}, {"applied", m.applied}};
        if (m.applied_at) o["applied_at"] = iso8601(*m.applied_at);
        arr.push_back(std::move(o));
      } else {
        std::cout << (m.applied ? "applied " : "pending ") << m.version << ' ' << m.name;
        if (m.applied_at) std::cout << "  (" << iso8601(*m.applied_at) << ')';
        std::cout << '\n';
      }
    }
    if (*json) {
      std::cout << boost::json::serialize(boost::json::object{
                       {"backend", ctx.application().store().backend()}, {"pending", pending}, {"migrations", arr}})
                << '\n';
    } else {
      std::cout << ctx.application().store().backend() << ": " << pending << " pending\n";
    }
  });
}

}  // namespace authly::cli
