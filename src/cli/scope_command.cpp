#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <iostream>

#include "cli/context.hpp"
#include "cli/output.hpp"

namespace authly::cli {

void add_scope_command(CLI::App& root, Context& ctx) {
  auto* scope = root.add_subcommand("scope", "Manage OAuth scopes");
  scope->require_subcommand(1);

  struct CreateArgs {
    std::string name, description;
    bool is_default = false;
  };
  auto create_args = std::make_shared<CreateArgs>();
  auto* create = scope->add_subcommand("create", "Register a scope");
  create->add_option("name,--name", create_args->name, "Scope name (RFC 6749 section 3.3 syntax)")->required();
  create->add_option("--description", create_args->description, "Shown on the consent page");
  create->add_flag("--default", create_args->is_default, "Granted when a client asks for no scope");
  create->callback([&ctx, create_args] {
    auto r =
        ctx.application().scopes().create(create_args->name, create_args->description, create_args->is_default, "cli");
    if (!r) fail_with(r.error());
    std::cout << "created scope " << r->name << '\n';
  });

  auto list_json = std::make_shared<bool>(false);
  auto* list = scope->add_subcommand("list", "List scopes");
  list->add_flag("--json", *list_json, "Print JSON");
  list->callback([&ctx, list_json] {
    auto scopes = ctx.application().scopes().list();
    if (*list_json) {
      boost::json::array arr;
      for (const auto& s : scopes)
        arr.push_back(boost::json::object{{"name", s.name}, {"description", s.description}, {"default", s.is_default}});
      std::cout << boost::json::serialize(arr) << '\n';
      return;
    }
    for (const auto& s : scopes)
      std::cout << s.name << (s.is_default ? " (default)" : "") << (s.description.empty() ? "" : "  " + s.description)
                << '\n';
  });

  auto delete_name = std::make_shared<std::string>();
  auto* del = scope->add_subcommand("delete", "Delete a scope");
  del->add_option("name,--name", *delete_name, "Scope name")->required();
  del->callback([&ctx, delete_name] {
    auto r = ctx.application().scopes().remove(*delete_name, "cli");
    if (!r) fail_with(r.error());
    std::cout << "deleted scope " << *delete_name << '\n';
  });
}

}  // namespace authly::cli
