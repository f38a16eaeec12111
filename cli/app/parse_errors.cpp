#include "app/parse_errors.hpp"

#include <iostream>
#include <string_view>

#include "app/exit_codes.hpp"

namespace itaku::cli {

namespace {

// By CLI11's error class (CLI/Error.hpp); its own message, which names the option, follows.
// By type, not by get_name(): an error raised inside a subcommand carries the subcommand's name.
std::string_view japanese_for(const CLI::ParseError& error) {
  if (dynamic_cast<const CLI::ExtrasError*>(&error)) return "余分な引数またはオプションがあります（綴りを確認してください）";
  if (dynamic_cast<const CLI::RequiredError*>(&error)) return "必要な引数またはオプションがありません";
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&error)) return "オプションに渡した値の数が合いません";
  if (dynamic_cast<const CLI::ConversionError*>(&error)) return "オプションの値を解釈できません";
  if (dynamic_cast<const CLI::ValidationError*>(&error)) return "オプションの値が正しくありません";
  if (dynamic_cast<const CLI::RequiresError*>(&error)) return "このオプションには別のオプションも必要です";
  if (dynamic_cast<const CLI::ExcludesError*>(&error)) return "同時には指定できないオプションがあります";
  if (dynamic_cast<const CLI::FileError*>(&error)) return "ファイルがありません";
  return "コマンドラインを解釈できません";
}

}  // namespace

int report_parse_error(CLI::App& app, const CLI::ParseError& error, std::string_view program) {
  if (error.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {
    return app.exit(error) == 0 ? kExitOk : kExitBadInput;
  }
  std::cerr << program << ": " << japanese_for(error) << " / " << error.what() << "\n"
            << "使い方は --help で表示できます / Run with --help for more information.\n";
  return kExitBadInput;
}

}  // namespace itaku::cli
