#include "report/report_output.hpp"

#include "itaku/error.hpp"

namespace itaku::detail {

void finish_output(std::ostream& out) {
  out.flush();
  if (!out) {
    throw Error(ErrorCode::kUnavailable,
                "レポートを書き込めません（ディスク容量や出力先を確認してください） / "
                "cannot write the report (check disk space and the output destination)");
  }
}

}  // namespace itaku::detail
